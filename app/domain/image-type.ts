/**
 * The kinds of image staff may upload (announcement images, inspection photos), by what
 * their bytes say — never by the file's name or the browser's claim.
 */
export const imageTypes = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const
export type ImageType = keyof typeof imageTypes

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024

/** A stored image's public file name: 32 random hex digits and the extension of its type. */
export const STORAGE_KEY_PATTERN = /^[a-f0-9]{32}\.(jpg|png|webp)$/

export function newStorageKey(contentType: ImageType): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0'))
  return `${random.join('')}.${imageTypes[contentType]}`
}

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte)
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  // RIFF....WEBP
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp'
  return null
}
