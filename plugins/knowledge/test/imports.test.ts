import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaqQueries } from '../src/eval/query-sets.ts';
import { parseFaqFile } from '../src/faq/faq-file.ts';
import { ImportError } from '../src/shared/import-error.ts';
import { nextCollectionDay, parseCollectionDays } from '../src/sorting/collection-days.ts';
import { read5374 } from '../src/sorting/format-5374.ts';
import { parseColumnMapping, readMappedCsv } from '../src/sorting/mapped-csv.ts';

function problemsOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).problems;
  }
  throw new Error('expected an ImportError');
}

describe('FAQ files', () => {
  it('reads JSONL and CSV', () => {
    const jsonl =
      '{"id":"a","question":"Q1","answer":"A1","category":"x"}\n\n{"id":"b","question":"Q2","answer":"A2"}\n';
    expect(parseFaqFile(jsonl, 'faq.jsonl').map((entry) => entry.id)).toEqual(['a', 'b']);
    const csv = '\uFEFFid,question,answer,url\nc,"質問, その1",回答,https://example.jp/c\n';
    expect(parseFaqFile(csv, 'faq.csv')).toEqual([
      { id: 'c', question: '質問, その1', answer: '回答', url: 'https://example.jp/c' },
    ]);
  });

  it('takes integer ids as text, in FAQ files and query sets alike', () => {
    expect(parseFaqFile('{"id":7,"question":"Q","answer":"A"}', 'faq.jsonl')[0]?.id).toBe('7');
    expect(parseFaqQueries('{"id":1,"query":"q","answer_id":7,"alt_answer_ids":[8]}', 'q.jsonl')[0]).toEqual({
      id: '1',
      query: 'q',
      answer_id: '7',
      alt_answer_ids: ['8'],
    });
  });

  it('refuses the whole file with every problem and its line', () => {
    const jsonl = [
      '{"id":"a","question":"Q","answer":"A"}',
      '{not json',
      '{"id":"b","question":""}',
      '{"id":"a","question":"Q","answer":"A"}',
    ].join('\n');
    const problems = problemsOf(() => parseFaqFile(jsonl, 'faq.jsonl'));
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4]);
    expect(problems[2]?.message).toContain('also on line 1');
  });

  it('names a CSV without the required columns', () => {
    const problems = problemsOf(() => parseFaqFile('id,title\n1,x\n', 'faq.csv'));
    expect(problems[0]).toMatchObject({ line: 1, message: 'the header lacks question, answer' });
  });
});

describe('the 5374 format', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiban-5374-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a guide published in Shift_JIS', async () => {
    // 「type,name,notice,furigana / 有害ごみ,乾電池,袋に入れる,か / 可燃ごみ,ぬいぐるみ,,ぬ」 in Shift_JIS.
    const target = Buffer.from(
      '747970652c6e616d652c6e6f746963652c6675726967616e610a974c8a5182b282dd2c8aa3936492722c91dc82c993fc82ea82e92c82a90a89c2945282b282dd2c82ca82a282ae82e982dd2c2c82ca0a',
      'hex',
    );
    await writeFile(join(dir, 'target.csv'), target);
    await writeFile(join(dir, 'area_days.csv'), '地区,センター,有害ごみ,可燃ごみ\n本町,,水3,月 木\n');
    await writeFile(
      join(dir, 'description.csv'),
      'label,sublabel,description,styles,Bgcolor\n有害ごみ,,,,#fff\n可燃ごみ,,,,#000\n',
    );
    await writeFile(join(dir, 'center.csv'), '名称,休止開始日,休止終了日\nクリーンセンター,2026/12/29,2027/1/3\n');
    const guide = await read5374(dir, '本市');
    expect(guide.encodings['target.csv']).toBe('shift_jis');
    expect(guide.items).toEqual([
      { name: '乾電池', category: '有害ごみ', notes: '袋に入れる', reading: 'か', synonyms: [] },
      { name: 'ぬいぐるみ', category: '可燃ごみ', notes: '', reading: 'ぬ', synonyms: [] },
    ]);
    expect(guide.areas[0]?.days.可燃ごみ).toEqual([{ weekday: 1 }, { weekday: 4 }]);
    expect(guide.closures).toEqual([{ center: 'クリーンセンター', start: '2026-12-29', end: '2027-01-03' }]);
  });

  it('refuses a guide with an unknown collection day, naming file and line', async () => {
    await writeFile(join(dir, 'area_days.csv'), '地区,センター,有害ごみ\n本町,,水3\n新町,,毎日\n');
    await expect(read5374(dir, '本市')).rejects.toMatchObject({
      problems: [{ file: 'area_days.csv', line: 3, message: '有害ごみ: unknown collection day "毎日"' }],
    });
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS', async () => {
    await writeFile(join(dir, 'target.csv'), Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x0a]));
    await expect(read5374(dir, '本市')).rejects.toMatchObject({ problems: [{ file: 'target.csv', line: 0 }] });
  });
});

describe('sorting dictionaries from a CSV with a column mapping', () => {
  const mapping = parseColumnMapping('name=品目,category=区分,reading=よみ,synonyms=別名');

  it('skips lines before the header and renames category codes', () => {
    const csv = '区分表,,,\n1,燃える,,\n品目,よみ,別名,区分\n傘,かさ,アンブレラ、日傘,2\n服,ふく,,1\n';
    const guide = readMappedCsv(Buffer.from(csv), 'dictionary.csv', '本市', mapping, {
      '1': '燃えるごみ',
      '2': '燃えないごみ',
    });
    expect(guide.items).toEqual([
      { name: '傘', category: '燃えないごみ', reading: 'かさ', notes: '', synonyms: ['アンブレラ', '日傘'] },
      { name: '服', category: '燃えるごみ', reading: 'ふく', notes: '', synonyms: [] },
    ]);
  });

  it('refuses a file without the mapped columns or with an incomplete row, naming the line', () => {
    expect(() => readMappedCsv(Buffer.from('名前,種類\n傘,2\n'), 'x.csv', '本市', mapping)).toThrow('no header line');
    const problems = (() => {
      try {
        readMappedCsv(Buffer.from('品目,よみ,別名,区分\n傘,かさ,,2\n,ふく,,1\n'), 'x.csv', '本市', mapping);
      } catch (error) {
        return (error as ImportError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([{ file: 'x.csv', line: 3, message: 'item name and category are required' }]);
    expect(() => parseColumnMapping('title=品目')).toThrow('bad column mapping');
  });
});

describe('collection days', () => {
  it('finds the next weekly and nth-weekday collection, skipping closures', () => {
    // 2026-12-07 is a Monday.
    expect(nextCollectionDay(parseCollectionDays('月 木'), '2026-12-08')).toBe('2026-12-10');
    expect(nextCollectionDay(parseCollectionDays('水2 水4'), '2026-12-07')).toBe('2026-12-09');
    expect(nextCollectionDay(parseCollectionDays('火1'), '2026-12-07')).toBe('2027-01-05');
    expect(
      nextCollectionDay(parseCollectionDays('月'), '2026-12-28', [{ start: '2026-12-28', end: '2027-01-03' }]),
    ).toBe('2027-01-04');
    expect(nextCollectionDay([], '2026-12-07')).toBeNull();
  });
});
