/**
 * What a stored booking reference looks like (the database checks the same pattern):
 * 6–12 upper-case letters and digits. Addresses and forms that carry one check it here
 * before asking the database.
 */
export function isBookingReference(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z0-9]{6,12}$/.test(value)
}
