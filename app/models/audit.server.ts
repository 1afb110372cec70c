import type { Queryable } from '#db/client.server.ts'
import { auditLog } from '#db/schema/index.ts'

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the
 * change and its record commit together or not at all (DOMAIN.md rule 8).
 */
export async function recordAudit(
  tx: Queryable,
  entry: {
    /** Null for what the system does on its own, such as publishing at the scheduled time. */
    actorUserId: number | null
    action: string
    entityType: string
    entityId?: number
    centreId?: number | null
    streetId?: number | null
    details?: Record<string, unknown>
  },
) {
  await tx.insert(auditLog).values({ ...entry, details: entry.details ?? {} })
}
