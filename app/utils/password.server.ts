import commonPasswords from 'fxa-common-password-list'
import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id settings: 19 MiB memory, 2 iterations, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules can't import).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Passwords people in China often choose that the English-language list lacks.
const COMMON_HERE = new Set([
  'woaini1314',
  'woaini520',
  '5201314520',
  '52013145',
  'a123456789',
  'aa123456',
  'qq123456',
  'qq123456789',
  'zxcvbnm123',
  '1qaz2wsx3edc',
  'abc123456',
  'abcd1234',
  'asd123456',
  'woaini123',
  'iloveyou1314',
  '147258369',
  '159357456',
  '123456aa',
  '123qweasd',
  'qwe123456',
  'linli123',
  'linli12345',
])

/** Refuses the passwords attackers try first (a shipped list of about 100,000, plus local favourites). */
export function isCommonPassword(password: string): boolean {
  const lowered = password.toLowerCase()
  return (
    COMMON_HERE.has(lowered) ||
    commonPasswords.test(lowered) ||
    /^(.)\1+$/.test(password) ||
    (/^\d{8,}$/.test(password) && isSequence(password))
  )
}

function isSequence(digits: string) {
  return '01234567890123456789'.includes(digits) || '98765432109876543210'.includes(digits)
}

/** A real argon2id hash of a random secret: verified against when an account doesn't exist. */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$l8Ex1PfJVvj+PMAUBArveA$jN1cd2oAdgdPakR9bMsFh7trwlf03ZA5HQwo+nRaUW0'
