import { randomInt } from 'node:crypto'

// No 0/O, 1/I/L: a reference is read aloud over the phone and typed at the front desk.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A booking reference such as "LK7M3Q9P": 8 characters, about 40 bits of randomness. */
export function newBookingReference(): string {
  let reference = ''
  for (let index = 0; index < 8; index++) reference += ALPHABET[randomInt(ALPHABET.length)]
  return reference
}
