import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conciergeCommand } from '../src/cli/concierge-command.ts';
import { evaluate, formatReport, parseQuestions } from '../src/eval/evaluate.ts';
import { knowledgeSource } from '../src/retrieval/knowledge-source.ts';
import { faqRecords, SEEDING_TIMEOUT, STAFF_MANUAL, seedKnowledge, startHost, type TestHost } from './support.ts';

const questions = () => parseQuestions(readFileSync(new URL('../eval/questions.jsonl', import.meta.url), 'utf8'));

describe('the concierge evaluation', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startHost('pglite');
    await seedKnowledge(host, [...faqRecords(), STAFF_MANUAL]);
  }, SEEDING_TIMEOUT);
  afterAll(() => host?.close());

  it('reports each question and the totals over the development questions, storing nothing', async () => {
    const ctx = host.context('ai-concierge');
    const retrieval = knowledgeSource(ctx);
    if (!retrieval) throw new Error('the knowledge plugin runs in this host');
    const summary = await evaluate(ctx, retrieval, {}, questions());
    const report = formatReport(summary);
    console.log(report.split('\n').slice(-5).join('\n'));
    expect(summary.results).toHaveLength(48);
    expect(summary.inScope + summary.outOfScope).toBe(48);
    expect(report.split('\n')[0]).toMatch(/^(answered|declined|refused) +\[/u);
    expect(report).toContain('decline rate (out of scope):');
    // Floors measured on these questions with the knowledge plugin's search; a regression fails here.
    // 13 of the 20 out-of-scope questions are declined at the default 0.5: the eight written last
    // (short, on one common word) mostly pass — the weakness the README describes, kept visible.
    expect(summary.outOfScopeDeclineRate).toBeGreaterThanOrEqual(0.65);
    expect(summary.numbersSupportedRate).toBe(1);
    expect(summary.answerRate).toBeGreaterThanOrEqual(0.75);
    expect(summary.citationCorrectness).toBeGreaterThanOrEqual(0.7);
    const { rows } = await ctx.sql.query<{ n: string }>('SELECT count(*) AS n FROM turn');
    expect(Number(rows[0]?.n)).toBe(0);
  });

  // Asked right after seeding: the knowledge search must find a passage committed a moment ago.
  it('prints the evaluation from the command, citing the FAQ by its own id', async () => {
    const ctx = host.context('ai-concierge');
    await seedKnowledge(host, [
      {
        externalId: 'city-1',
        question: '図書館の開館時間は？',
        answer: '図書館は午前9時から午後7時まで開いています。',
        classification: 'public',
        status: 'published',
      },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'concierge-'));
    writeFileSync(
      join(dir, 'questions.jsonl'),
      '{"question": "図書館は何時まで開いていますか", "expected": "city-1"}\n',
    );
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(String(chunk)) > 0);
    try {
      await conciergeCommand.run(['eval', join(dir, 'questions.jsonl')], ctx);
    } finally {
      write.mockRestore();
    }
    const output = printed.join('');
    expect(output).toMatch(/^answered +\[city-1\] expected:city-1 citation:ok numbers:supported/mu);
    expect(output).toContain('answer rate (in scope): 100.0%');
    await expect(conciergeCommand.run(['evaluate'], ctx)).rejects.toThrow('usage: kiban concierge eval');
  });

  it('names the line of a questions file it cannot read', () => {
    expect(() => parseQuestions('{"question": "a"}\nnot json')).toThrow('line 2: not JSON');
    expect(() => parseQuestions('{"question": ""}')).toThrow('line 1: "question" must be a non-empty string');
  });
});
