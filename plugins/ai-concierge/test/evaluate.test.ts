import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePassages } from '../src/cli/concierge-command.ts';
import { evaluate, formatReport, parseQuestions } from '../src/eval/evaluate.ts';
import { StoredPassageRetrieval } from '../src/retrieval/stored-retrieval.ts';
import { faqPassages, importPassages, STAFF_MANUAL, signInEditor, startHost, type TestHost } from './support.ts';

const questions = () => parseQuestions(readFileSync(new URL('../eval/questions.jsonl', import.meta.url), 'utf8'));

describe('the concierge evaluation', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startHost('pglite');
    await importPassages(await signInEditor(host), [...faqPassages(), STAFF_MANUAL]);
  });
  afterAll(() => host?.close());

  it('reports each question and the totals over the development questions, storing nothing', async () => {
    const ctx = host.context('ai-concierge');
    const summary = await evaluate(ctx, new StoredPassageRetrieval(ctx), {}, questions());
    const report = formatReport(summary);
    expect(summary.results).toHaveLength(40);
    expect(summary.inScope + summary.outOfScope).toBe(40);
    expect(report.split('\n')[0]).toMatch(/^(answered|declined|refused) +\[/u);
    expect(report).toContain('decline rate (out of scope):');
    // Floors measured on these questions with the interim index; a regression fails here.
    expect(summary.outOfScopeDeclineRate).toBe(1);
    expect(summary.numbersSupportedRate).toBe(1);
    expect(summary.answerRate).toBeGreaterThanOrEqual(0.75);
    expect(summary.citationCorrectness).toBeGreaterThanOrEqual(0.7);
    const { rows } = await ctx.sql.query<{ n: string }>('SELECT count(*) AS n FROM turn');
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('names the line of a questions or passages file it cannot read', () => {
    expect(() => parseQuestions('{"question": "a"}\nnot json')).toThrow('line 2: not JSON');
    expect(() => parseQuestions('{"question": ""}')).toThrow('line 1: "question" must be a non-empty string');
    expect(() => parsePassages('{"id": "x", "question": "q", "answer": "a", "classification": "secret"}')).toThrow(
      'line 1',
    );
    expect(parsePassages('{"id": "x", "question": "q", "answer": "a"}')).toEqual([
      { id: 'x', title: 'q', text: 'a', url: undefined, classification: 'public', department: undefined },
    ]);
  });
});
