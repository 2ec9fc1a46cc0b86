const DIGITS = ['', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'];
const UNITS: Array<[number, string]> = [
  [1000, 'せん'],
  [100, 'ひゃく'],
  [10, 'じゅう'],
];

/**
 * How a number is said (16 → じゅうろく, 300 → さんひゃく), so that a resident typing
 * 「だいじゅうろくぶんだん」 or 「じゅうごさい」 meets 「第16分団」 and 「15歳」. Plain readings only
 * (さんびゃく's sound change is left to the typo tolerance of bigrams); beyond 9,999 digits are
 * read one by one.
 */
export function numberReading(digits: string): string {
  const value = Number(digits);
  if (!Number.isInteger(value) || value >= 10_000 || digits.length > 4) return [...digits].map(digitReading).join('');
  if (value === 0) return 'ぜろ';
  let rest = value;
  let out = '';
  for (const [unit, name] of UNITS) {
    const count = Math.floor(rest / unit);
    rest %= unit;
    if (count > 0) out += (count > 1 ? DIGITS[count] : '') + name;
  }
  return out + (DIGITS[rest] ?? '');
}

function digitReading(digit: string): string {
  return digit === '0' ? 'ぜろ' : (DIGITS[Number(digit)] ?? digit);
}
