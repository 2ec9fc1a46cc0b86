import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../data/index.ts';
import { signatureInvalid } from './errors.ts';

/** How long a signed download URL works. */
export const SIGNED_URL_SECONDS = 300;

/**
 * Short-lived download URLs for the browser (an `<img>`, a new tab): HMAC-SHA-256 over the
 * file id and the expiry, with a key generated once and kept in the database so every engine
 * node accepts the URLs of the others. The URL is handed out only after the same policy check
 * as a download, and it names one file for a few minutes.
 */
export interface UrlSigner {
  sign(fileId: string, now?: Date): { url: string; expiresAt: string };
  /** Throws 403 `file.signatureInvalid` unless the signature is this key's and the URL has not expired. */
  verify(fileId: string, expires: string | undefined, signature: string | undefined, now?: Date): void;
}

export async function loadUrlSigner(sql: Sql): Promise<UrlSigner> {
  await sql.run('insert into kiban_file_signing_key (id, secret) values (1, ?) on conflict (id) do nothing', [
    randomBytes(32).toString('base64url'),
  ]);
  const [row] = await sql.query<{ secret: string }>('select secret from kiban_file_signing_key where id = 1');
  const key = Buffer.from(row.secret, 'base64url');
  const mac = (fileId: string, expires: string) => createHmac('sha256', key).update(`${fileId}\n${expires}`).digest();
  return {
    sign(fileId, now = new Date()) {
      const expires = String(Math.floor(now.getTime() / 1000) + SIGNED_URL_SECONDS);
      const signature = mac(fileId, expires).toString('base64url');
      return {
        url: `/api/files/${fileId}?expires=${expires}&signature=${signature}`,
        expiresAt: new Date(Number(expires) * 1000).toISOString(),
      };
    },
    verify(fileId, expires, signature, now = new Date()) {
      if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires)) throw signatureInvalid();
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(fileId, expires);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw signatureInvalid();
      if (Number(expires) * 1000 <= now.getTime()) throw signatureInvalid();
    },
  };
}
