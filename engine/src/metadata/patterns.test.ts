import { describe, expect, it } from 'vitest';
import { decimalPattern, explainPattern, KANA_PATTERN } from './patterns.ts';

describe('decimalPattern', () => {
  it('limits the digits before and after the point', () => {
    const pattern = new RegExp(decimalPattern(5, 2), 'u');
    expect(['0', '-999.99', '123.4'].every((value) => pattern.test(value))).toBe(true);
    expect(['1000', '1.234', '1.', '.5', '+1'].some((value) => pattern.test(value))).toBe(false);
  });

  it('takes no point at scale 0 and only fractions when all digits are after the point', () => {
    expect(new RegExp(decimalPattern(3, 0), 'u').test('1.5')).toBe(false);
    expect(new RegExp(decimalPattern(2, 2), 'u').test('0.25')).toBe(true);
    expect(new RegExp(decimalPattern(2, 2), 'u').test('1.25')).toBe(false);
  });
});

describe('explainPattern', () => {
  it('explains generated decimal patterns with their limits', () => {
    expect(explainPattern(decimalPattern(5, 2))).toEqual({
      ja: '数値を入力してください（整数部は 3 桁まで、小数部は 2 桁まで）。例: 1234.5',
      en: 'Enter a number (up to 3 digits before the point, up to 2 decimals), e.g. 1234.5.',
    });
    expect(explainPattern(decimalPattern(4, 0))?.en).toBe(
      'Enter a number (up to 4 digits before the point, no decimals), e.g. 1234.5.',
    );
    expect(explainPattern(decimalPattern(2, 2))?.ja).toBe(
      '数値を入力してください（絶対値は 1 未満、小数部は 2 桁まで）。例: 1234.5',
    );
  });

  it('explains the built-in value patterns but not an author’s own', () => {
    expect(explainPattern(KANA_PATTERN)?.ja).toBe('全角カタカナで入力してください（ー・・・スペースも使えます）。');
    expect(explainPattern('^[A-Z]{2}[0-9]{2}$')).toBeUndefined();
  });
});
