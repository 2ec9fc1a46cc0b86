import { readFile } from 'node:fs/promises';
import type { PluginContext } from '@kiban/sdk';
import { evaluate, formatReport, parseQuestions } from '../eval/evaluate.ts';
import type { IndexedPassage } from '../retrieval/interim-index.ts';
import type { StoredPassageRetrieval } from '../retrieval/stored-retrieval.ts';
import { readSettings } from '../settings.ts';

const USAGE = 'concierge eval QUESTIONS.jsonl | concierge import PASSAGES.jsonl';

/**
 * `kiban concierge eval QUESTIONS.jsonl` asks each question as a signed-in resident would (with
 * the environment's settings, storing nothing) and prints the report; `kiban concierge import
 * FILE.jsonl` stores passages: lines of `{ id, title, text, url?, classification, department? }`
 * or FAQ lines `{ id, question, answer, url? }` (public).
 */
export function conciergeCommand(retrieval: () => StoredPassageRetrieval) {
  return {
    name: 'concierge',
    summary: `${USAGE}   answer-quality report, or passages to answer from`,
    async run(args: string[], ctx: PluginContext): Promise<void> {
      const [subcommand, file] = args;
      if (!file || (subcommand !== 'eval' && subcommand !== 'import')) throw new Error(`usage: kiban ${USAGE}`);
      const text = await readFile(file, 'utf8');
      if (subcommand === 'import') {
        const imported = await retrieval().import(parsePassages(text));
        process.stdout.write(`imported ${imported} passages\n`);
        return;
      }
      await retrieval().refresh();
      const summary = await evaluate(ctx, retrieval(), await readSettings(ctx), parseQuestions(text));
      process.stdout.write(`${formatReport(summary)}\n`);
    },
  };
}

export function parsePassages(text: string): IndexedPassage[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      const title = row.title ?? row.question;
      const body = row.text ?? row.answer;
      const classification = row.classification ?? 'public';
      if (typeof row.id !== 'string' || typeof title !== 'string' || typeof body !== 'string') {
        throw new Error(`line ${number}: needs "id" and either "title" and "text" or "question" and "answer"`);
      }
      if (classification !== 'public' && classification !== 'staff' && classification !== 'confidential') {
        throw new Error(`line ${number}: "classification" must be public, staff or confidential`);
      }
      return {
        id: row.id,
        title,
        text: body,
        url: typeof row.url === 'string' ? row.url : undefined,
        classification,
        department: typeof row.department === 'string' ? row.department : undefined,
      };
    });
}
