import { fileTypeFromBuffer } from 'file-type';
import { fileTypeRefused } from './errors.ts';

/**
 * The content type of an upload, recognised from its leading bytes (file-type's signatures),
 * never from its name or the type the client claims: a renamed program or an HTML page is
 * refused because its bytes are not a PDF or an image the field accepts.
 */
export async function detectContentType(head: Buffer, accept: readonly string[]): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (!detected || !accept.includes(detected.mime)) throw fileTypeRefused(detected?.mime, accept);
  return detected.mime;
}
