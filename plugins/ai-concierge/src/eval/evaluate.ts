import type { Actor, PluginContext } from '@kiban/sdk';
import { ask, type ConciergeAnswer } from '../concierge/ask.ts';
import type { KnowledgeRetrieval } from '../retrieval/retrieval.ts';
import type { ConciergeSettings } from '../settings.ts';

/** One line of a questions file: a question and the FAQ id that answers it, or `outOfScope`. */
export interface EvalQuestion {
  question: string;
  expected?: string;
  outOfScope?: boolean;
}

export interface EvalResult {
  question: EvalQuestion;
  status: ConciergeAnswer['status'];
  mode: ConciergeAnswer['mode'];
  citations: string[];
  numbersSupported: boolean;
  /** Whether the expected id is among the citations (null when the question names none). */
  citationCorrect: boolean | null;
}

export interface EvalSummary {
  results: EvalResult[];
  inScope: number;
  /** Share of in-scope questions answered. */
  answerRate: number;
  outOfScope: number;
  /** Share of out-of-scope questions declined (or refused). */
  outOfScopeDeclineRate: number;
  /** Of answered questions with an expected id, the share citing it. */
  citationCorrectness: number;
  /** Of answered questions, the share whose every number is in a cited passage. */
  numbersSupportedRate: number;
}

/** The evaluation asks as a resident who signed in: public knowledge only. */
const EVAL_RESIDENT: Actor = { kind: 'principal', id: 'concierge-eval', principalKind: 'resident', roles: [] };

export function parseQuestions(text: string): EvalQuestion[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, number }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`line ${number}: not JSON`);
      }
      const question = parsed as EvalQuestion;
      if (typeof question?.question !== 'string' || question.question.trim() === '')
        throw new Error(`line ${number}: "question" must be a non-empty string`);
      if (question.expected !== undefined && typeof question.expected !== 'string')
        throw new Error(`line ${number}: "expected" must be a string`);
      return question;
    });
}

/** Asks every question through the same pipeline residents use, storing nothing, and sums up. */
export async function evaluate(
  ctx: PluginContext,
  retrieval: KnowledgeRetrieval,
  settings: ConciergeSettings,
  questions: EvalQuestion[],
): Promise<EvalSummary> {
  const results: EvalResult[] = [];
  for (const question of questions) {
    const answer = await ask({ ctx, retrieval, settings, record: false }, EVAL_RESIDENT, {
      message: question.question,
    });
    const citations = answer.citations.map((citation) => citation.sourceId ?? citation.id);
    results.push({
      question,
      status: answer.status,
      mode: answer.mode,
      citations,
      numbersSupported: answer.numbersSupported,
      citationCorrect: question.expected && answer.status === 'answered' ? citations.includes(question.expected) : null,
    });
  }
  const inScope = results.filter((result) => !result.question.outOfScope);
  const outOfScope = results.filter((result) => result.question.outOfScope);
  const answered = results.filter((result) => result.status === 'answered');
  const judged = answered.filter((result) => result.citationCorrect !== null);
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    results,
    inScope: inScope.length,
    answerRate: share(inScope.filter((result) => result.status === 'answered').length, inScope.length),
    outOfScope: outOfScope.length,
    outOfScopeDeclineRate: share(outOfScope.filter((result) => result.status !== 'answered').length, outOfScope.length),
    citationCorrectness: share(judged.filter((result) => result.citationCorrect).length, judged.length),
    numbersSupportedRate: share(answered.filter((result) => result.numbersSupported).length, answered.length),
  };
}

/** The report `kiban concierge eval` prints: one line per question, then the totals. */
export function formatReport(summary: EvalSummary): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = summary.results.map((result) => {
    const expected = result.question.outOfScope ? 'out-of-scope' : (result.question.expected ?? '-');
    const verdict = result.citationCorrect === null ? '' : result.citationCorrect ? ' citation:ok' : ' citation:WRONG';
    const numbers =
      result.status === 'answered' ? ` numbers:${result.numbersSupported ? 'supported' : 'UNSUPPORTED'}` : '';
    return `${result.status.padEnd(8)} [${result.citations.join(', ')}] expected:${expected}${verdict}${numbers}  ${result.question.question}`;
  });
  return [
    ...lines,
    '',
    `questions: ${summary.results.length} (in scope ${summary.inScope}, out of scope ${summary.outOfScope})`,
    `answer rate (in scope): ${percent(summary.answerRate)}`,
    `decline rate (out of scope): ${percent(summary.outOfScopeDeclineRate)}`,
    `citation correctness (answered, expected id cited): ${percent(summary.citationCorrectness)}`,
    `numbers supported (answered): ${percent(summary.numbersSupportedRate)}`,
  ].join('\n');
}
