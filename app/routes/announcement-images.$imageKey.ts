import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAnnouncementImage } from '#app/models/announcement.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'

// An announcement's image, from Postgres. Its name is random and never reused, so it may be cached for good.
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.imageKey ?? ''
  invariantResponse(/^[a-f0-9]{32}\.(jpg|png|webp)$/.test(key), 'Not found', { status: 404 })
  const image = await getAnnouncementImage({ storageKey: key })
  invariantResponse(image, 'Not found', { status: 404 })
  return new Response(new Uint8Array(image.content), {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.content.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      // Shown only as an image, never as a document.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  })
}
