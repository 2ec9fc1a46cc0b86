/**
 * The individual number (マイナンバー): 12 digits, the last a check digit over the first 11
 * (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条). Twelve
 * digits with a wrong check digit are not an individual number.
 */
export function isMyNumber(digits: string): boolean {
  if (!/^\d{12}$/u.test(digits)) return false;
  return checkDigit(digits.slice(0, 11)) === Number(digits[11]);
}

/** The check digit of 11 digits: P(n) is the n-th digit from the right, weighted n+1 (n ≤ 6) or n−5. */
export function checkDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const digit = Number(first11[11 - n]);
    sum += digit * (n <= 6 ? n + 1 : n - 5);
  }
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}
