import { ValidationError } from '../errors';

/** The bytes of one file part of a multipart/form-data body (parsed by the platform's own form-data reader). */
export async function fileFromMultipart(contentType: string, body: Uint8Array, field: string): Promise<Uint8Array> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ValidationError('The multipart/form-data body could not be read.');
  }
  const part = form.get(field);
  if (part === null || typeof part === 'string') {
    throw new ValidationError(`Send the document as a file in the "${field}" part.`, [{ path: field, message: 'A file part is required' }]);
  }
  return new Uint8Array(await part.arrayBuffer());
}
