import { describe, expect, it } from 'vitest';
import { AccessError } from './access-error.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const passwordHash = await hashPassword('correct horse battery');
    expect(passwordHash).toMatch(/^\$argon2id\$/);
    expect(passwordHash).not.toContain('correct horse battery');
    expect(await verifyPassword(passwordHash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(passwordHash, 'correct horse batterY')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses a password shorter than 10 characters with a structured, bilingual error', async () => {
    const error = await hashPassword('123456789').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessError);
    expect(error).toMatchObject({ code: 'access.passwordTooShort', status: 400 });
    expect((error as AccessError).localized.ja).toContain('10');
    expect((error as AccessError).localized.en).toContain('10');
  });

  it('counts characters, not bytes or UTF-16 units', async () => {
    // Ten kanji are 30 UTF-8 bytes; nine emoji are 18 UTF-16 units but still only nine characters.
    await expect(hashPassword('東京都千代田区丸の内')).resolves.toMatch(/^\$argon2id\$/);
    await expect(hashPassword('😀'.repeat(9))).rejects.toMatchObject({ code: 'access.passwordTooShort' });
  });

  it('refuses an absurdly long password', async () => {
    await expect(hashPassword('x'.repeat(1025))).rejects.toMatchObject({ code: 'access.passwordTooLong' });
  });

  it('refuses a common breached password in any case, and the username as the password', async () => {
    for (const common of ['password123', 'QWERTYUIOP', '1q2w3e4r5t', 'ｐａｓｓｗｏｒｄ１２３']) {
      await expect(hashPassword(common)).rejects.toMatchObject({ code: 'access.passwordTooCommon', status: 400 });
    }
    await expect(hashPassword('Tanaka.Ichiro', 'tanaka.ichiro')).rejects.toMatchObject({
      code: 'access.passwordTooCommon',
    });
    await expect(hashPassword('tanaka.ichiro', 'sato.hanako')).resolves.toMatch(/^\$argon2id\$/);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever password')).toBe(false);
  });
});
