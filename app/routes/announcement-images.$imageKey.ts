import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAnnouncementImage } from '#app/models/announcement.server.ts'
import { imageResponse, isStorageKey } from '#app/utils/image-upload.server.ts'
import { invariantResponse } from '#app/utils/invariant.ts'

// An announcement's image, from Postgres, for anyone.
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params.imageKey
  invariantResponse(isStorageKey(key), 'Not found', { status: 404 })
  const image = await getAnnouncementImage({ storageKey: key })
  invariantResponse(image, 'Not found', { status: 404 })
  return imageResponse(image, { visibility: 'public' })
}
