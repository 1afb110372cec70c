/**
 * Residents log in with a mainland mobile number or an email. Numbers are typed in many
 * ways ("138 0000 0001", "+86 138-0000-0001"); they are stored as 11 digits.
 */
export type LoginIdentifier = { kind: 'phone'; value: string } | { kind: 'email'; value: string }

const MOBILE = /^1[3-9]\d{9}$/
// Deliberately plain: something@something.something, no spaces, within RFC length limits.
const EMAIL = /^[^\s@\p{Cc}\p{Cf}]{1,64}@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}]+$/u

export function normalisePhone(input: string): string | null {
  const digits = input
    .normalize('NFKC')
    .replace(/[\s\-()]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '')
  return MOBILE.test(digits) ? digits : null
}

export function parseLoginIdentifier(input: string): LoginIdentifier | null {
  const trimmed = input.normalize('NFKC').trim()
  if (trimmed.includes('@')) {
    const email = trimmed.toLowerCase()
    return email.length <= 254 && EMAIL.test(email) ? { kind: 'email', value: email } : null
  }
  const phone = normalisePhone(trimmed)
  return phone ? { kind: 'phone', value: phone } : null
}

/** "138****0001": enough for staff to tell people apart, not enough to call them. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/** "w***@example.com" */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return ''
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 1)}***@${domain}`
}
