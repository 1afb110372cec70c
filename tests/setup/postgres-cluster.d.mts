export function freePort(): Promise<number>
export interface Cluster {
  port: number
  adminUrl: string
  bin: string
  logFile: string
  urlFor(name: string): string
  createDatabase(name: string): void
  stop(): void
  down(mode?: 'fast' | 'immediate'): void
  up(): void
}
export function startCluster(options?: { durable?: boolean }): Promise<Cluster>
