/**
 * The form a request posts. A body that is not a form — another content type, multipart
 * with a wrong or missing boundary, cut short — is the sender's mistake: a 400, like any
 * other refused form, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw new Response('Not a form', { status: 400 })
  }
}
