export const residentPages: string[]
export interface AccessibilityResult {
  url: string
  score: number
  failed: string[]
}
export function auditAccessibility(
  urls: string[],
  options?: { headers?: Record<string, string>; chromePath?: string },
): Promise<AccessibilityResult[]>
