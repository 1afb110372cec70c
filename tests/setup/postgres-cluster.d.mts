export function freePort(): Promise<number>
export interface Cluster {
  port: number
  adminUrl: string
  bin: string
  urlFor(name: string): string
  createDatabase(name: string): void
  stop(): void
  restart(mode?: 'fast' | 'immediate'): void
}
export function startCluster(): Promise<Cluster>
