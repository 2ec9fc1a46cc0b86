import { contactCenterError } from './errors.ts';
import { validated } from './validate.ts';

const uploadSchema = {
  type: 'object',
  required: ['clientId', 'name'],
  additionalProperties: false,
  properties: {
    clientId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$' },
  },
};

/** Larger files are refused before they are read whole; the field's own cap is checked again by the files service. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** A multipart form with `file` and `clientId`: the file's name comes from the form part. */
export async function readUpload(request: Request): Promise<{ clientId: string; name: string; content: Uint8Array }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw tooLarge();
  const form = await request.formData().catch(() => null);
  const file = form?.get('file');
  if (!form || !(file instanceof File)) {
    throw contactCenterError('invalidUpload', 422, 'ファイルを添付してください。', 'Attach a file.', [
      {
        pointer: '/file',
        code: 'contact-center.invalidUpload',
        message: { ja: 'ファイルがありません。', en: 'No file.' },
      },
    ]);
  }
  if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
  const fields = validated<{ clientId: string; name: string }>(uploadSchema, {
    clientId: form.get('clientId'),
    name: file.name,
  });
  return { ...fields, content: new Uint8Array(await file.arrayBuffer()) };
}

const tooLarge = () =>
  contactCenterError('tooLarge', 413, 'ファイルが大きすぎます（5 MB まで）。', 'The file is too large (5 MB at most).');
