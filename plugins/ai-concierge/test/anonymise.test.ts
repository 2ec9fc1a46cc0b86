import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anonymise } from '../src/privacy/anonymise.ts';
import { checkDigit, isMyNumber } from '../src/privacy/my-number.ts';
import { type PersonalDataKind, PLACEHOLDERS } from '../src/privacy/patterns.ts';

interface CorpusRow {
  text: string;
  pii: Array<{ kind: PersonalDataKind; value: string; core: string }>;
}

const readJsonl = <T>(name: string): T[] =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

/** Found: the kind's placeholder is in the output and neither the value nor its identifying core is. */
function masked(output: string, item: CorpusRow['pii'][number]): boolean {
  const value = item.value.normalize('NFKC');
  const core = item.core.normalize('NFKC');
  const parts = item.kind === 'name' ? value.split(/\s+/u) : [core];
  return (
    output.includes(PLACEHOLDERS[item.kind]) && !output.includes(value) && parts.every((part) => !output.includes(part))
  );
}

describe('anonymisation of personal data in Japanese text', () => {
  it('checks the individual number check digit', () => {
    // The check digit of the law's worked example 12345678901 → 8.
    expect(checkDigit('12345678901')).toBe(8);
    expect(isMyNumber('123456789018')).toBe(true);
    expect(isMyNumber('123456789012')).toBe(false);
    expect(isMyNumber('12345678901')).toBe(false);
  });

  it('finds at least 95% of each kind in a corpus of over 100 sentences', async () => {
    const corpus = readJsonl<CorpusRow>('personal-data-corpus.jsonl');
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const tally = new Map<PersonalDataKind, { found: number; total: number; missed: string[] }>();
    for (const row of corpus) {
      const { text } = await anonymise(row.text);
      for (const item of row.pii) {
        const entry = tally.get(item.kind) ?? { found: 0, total: 0, missed: [] };
        entry.total += 1;
        if (masked(text, item)) entry.found += 1;
        else entry.missed.push(text);
        tally.set(item.kind, entry);
      }
    }
    expect([...tally.keys()].sort()).toEqual(['address', 'birthDate', 'email', 'myNumber', 'name', 'phone']);
    for (const [kind, { found, total, missed }] of tally) {
      expect({ kind, recall: found / total >= 0.95, missed }).toEqual({
        kind,
        recall: true,
        missed: expect.any(Array),
      });
    }
  });

  it('leaves questions without personal data as they were, including twelve digits that fail the check', async () => {
    for (const { text } of readJsonl<{ text: string }>('no-personal-data.jsonl')) {
      const result = await anonymise(text);
      expect(result.masked.myNumber ?? 0).toBe(0);
      expect(result.text).toBe(text.normalize('NFKC'));
    }
  });

  it('counts what it masked by kind', async () => {
    const result = await anonymise('山田太郎です。電話は090-1234-5678、メールは taro@example.jp です。');
    expect(result.masked).toEqual({ name: 1, phone: 1, email: 1 });
    expect(result.text).toBe('〔氏名〕です。電話は〔電話番号〕、メールは 〔メール〕 です。');
  });
});
