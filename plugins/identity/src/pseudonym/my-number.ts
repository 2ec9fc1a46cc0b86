import { createHmac } from 'node:crypto';
import { PluginError } from '@kiban/sdk';

/**
 * The check digit of a 12-digit individual number (マイナンバー), as the Ministry's ordinance
 * defines it: the first eleven digits weighted from the right by 2–7, 2–6, sum modulo 11.
 */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^[0-9]{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const digit = Number(digits[11 - n]);
    sum += digit * (n <= 6 ? n + 1 : n - 5);
  }
  const remainder = sum % 11;
  return Number(digits[11]) === (remainder <= 1 ? 0 : 11 - remainder);
}

/**
 * The keyed, non-reversible pseudonym that links records to a person without the number: an
 * HMAC-SHA256 under a key kept outside the database (engine configuration). Neither the number
 * nor the key is stored, logged or returned; the same number always gives the same pseudonym
 * under the same key.
 */
export function myNumberPseudonym(key: string | undefined, myNumber: string): string {
  if (!key || key.length < 32) {
    throw new PluginError('identity.pseudonymKeyMissing', 503, {
      ja: '仮名化の鍵が設定されていません（KIBAN_PLUGIN_IDENTITY_PSEUDONYM_KEY、32文字以上）。',
      en: 'The pseudonym key is not configured (KIBAN_PLUGIN_IDENTITY_PSEUDONYM_KEY, at least 32 characters).',
    });
  }
  const digits = myNumber.normalize('NFKC').replace(/[\s-]/g, '');
  if (!hasValidCheckDigit(digits)) {
    throw new PluginError(
      'identity.invalidMyNumber',
      400,
      {
        ja: '個人番号の形式が正しくありません（12桁、検査用数字を含む）。',
        en: 'This is not a valid individual number (12 digits with a valid check digit).',
      },
      [
        {
          pointer: '/myNumber',
          code: 'identity.invalidMyNumber',
          message: { ja: '12桁の個人番号を入力してください。', en: 'Enter the 12-digit individual number.' },
        },
      ],
    );
  }
  return createHmac('sha256', key).update(`kiban-my-number\u0000${digits}`).digest('base64url');
}
