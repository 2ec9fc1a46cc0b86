import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The 32-byte key settings secrets are encrypted with: `KIBAN_SECRET_KEY` (base64 or hex of 32
 * bytes), or else a key generated on the first start and kept in `<dataDir>/secret.key`,
 * readable by the engine's user only. Losing the key loses the secrets, not the settings.
 */
export async function loadSecretKey(given: string | undefined, dataDir: string): Promise<Buffer> {
  if (given !== undefined && given !== '') return parseKey(given, 'KIBAN_SECRET_KEY');
  const file = join(dataDir, 'secret.key');
  try {
    return parseKey((await readFile(file, 'utf8')).trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dataDir, { recursive: true });
  // `wx`: two processes starting at once must not both write one.
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return parseKey((await readFile(file, 'utf8')).trim(), file);
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold 32 bytes, as base64 or hex.`);
  return key;
}
