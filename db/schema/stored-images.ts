import { sql } from 'drizzle-orm'
import { check, customType, integer, text, timestamp, unique, type PgColumn } from 'drizzle-orm/pg-core'

/** Raw bytes (Postgres bytea), as a Node Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
})

/**
 * The columns of an uploaded image kept in Postgres (not on one server's disk, so every
 * app process serves it): announcement images and inspection photos share them, and
 * storedImageChecks, so both hold the same kinds and sizes of image under the same rules.
 */
export function storedImageColumns() {
  return {
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    /** The image's public file name: random, never a user-supplied name. */
    storageKey: text().notNull(),
    content: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  }
}

/** The rules the database holds every stored image to; `table` names the constraints. */
export function storedImageChecks(
  table: string,
  t: { contentType: PgColumn; byteSize: PgColumn; storageKey: PgColumn; content: PgColumn },
) {
  return [
    unique(`${table}_storage_key`).on(t.storageKey),
    check(`${table}_type_check`, sql`${t.contentType} in ('image/jpeg', 'image/png', 'image/webp')`),
    check(`${table}_size_check`, sql`${t.byteSize} between 1 and 5242880`),
    check(`${table}_content_check`, sql`octet_length(${t.content}) = ${t.byteSize}`),
    check(`${table}_key_check`, sql`${t.storageKey} ~ '^[a-f0-9]{32}\\.(jpg|png|webp)$'`),
  ]
}
