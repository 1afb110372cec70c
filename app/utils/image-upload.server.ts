import { MAX_IMAGE_BYTES, sniffImageType, STORAGE_KEY_PATTERN, type ImageType } from '#app/domain/image-type.ts'

/**
 * Uploading and serving the images staff keep in Postgres: announcement images and
 * inspection photos go through these same checks and headers.
 */

/** Room for a form's other fields around an image of the largest size. */
const MAX_UPLOAD_BODY = MAX_IMAGE_BYTES + 64 * 1024

/** Why an upload was refused; each form says it in its own words (`<namespace>:…<refusal>`). */
export type ImageRefusal = 'missing' | 'tooBig' | 'wrongType'

/**
 * True when a multipart body is too large to hold one image (or says nothing of its
 * length): refuse it before reading it. Other bodies are left to the form's own checks.
 */
export function uploadTooLarge(request: Request): boolean {
  if (!request.headers.get('Content-Type')?.startsWith('multipart/form-data')) return false
  const length = Number(request.headers.get('Content-Length'))
  return !Number.isFinite(length) || length <= 0 || length > MAX_UPLOAD_BODY
}

/** The image in a form field, checked for presence, size and (by its bytes) type. */
export async function readImageUpload(
  formData: FormData,
  field: string,
): Promise<{ ok: true; contentType: ImageType; bytes: Buffer } | { ok: false; refusal: ImageRefusal }> {
  const file = formData.get(field)
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, refusal: 'missing' }
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, refusal: 'tooBig' }
  const bytes = Buffer.from(await file.arrayBuffer())
  const contentType = sniffImageType(bytes)
  if (!contentType) return { ok: false, refusal: 'wrongType' }
  return { ok: true, contentType, bytes }
}

/** Whether an address's last part could name a stored image at all. */
export function isStorageKey(key: string | undefined): key is string {
  return key !== undefined && STORAGE_KEY_PATTERN.test(key)
}

/**
 * A stored image as a response. A public image's name is random and never reused, so it
 * may be cached for good; a private one is not kept at all, so a revoked grant takes effect.
 */
export function imageResponse(
  image: { contentType: string; content: Buffer },
  { visibility }: { visibility: 'public' | 'private' },
) {
  return new Response(new Uint8Array(image.content), {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.content.length),
      'Cache-Control': visibility === 'public' ? 'public, max-age=31536000, immutable' : 'private, no-store',
      // Shown only as an image, never as a document.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  })
}
