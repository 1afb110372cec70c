/**
 * Rows are numbered by Postgres `integer` identities, 1 … 2³¹−1. A number outside that
 * range names no row, and sending it to the database would be an error ("out of range
 * for type integer") rather than "not found"; ids from addresses and forms are checked
 * against it first.
 */
export const MAX_ROW_ID = 2_147_483_647

export function isRowId(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_ROW_ID
}
