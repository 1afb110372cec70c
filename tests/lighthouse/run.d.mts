export const residentPages: string[]
export interface AuditResult {
  url: string
  /** The category's score, 0–100. */
  score: number
  failed: string[]
}
export function auditPages(
  urls: string[],
  options?: { category?: string; headers?: Record<string, string>; chromePath?: string },
): Promise<AuditResult[]>
