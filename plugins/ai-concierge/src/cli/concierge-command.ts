import { readFile } from 'node:fs/promises';
import type { CliCommandContribution } from '@kiban/sdk';
import { evaluate, formatReport, parseQuestions } from '../eval/evaluate.ts';
import { knowledgeSource } from '../retrieval/knowledge-source.ts';
import { readSettings } from '../settings.ts';

const USAGE = 'concierge eval QUESTIONS.jsonl';

/**
 * `kiban concierge eval QUESTIONS.jsonl` asks each question as a signed-in resident would (with
 * the environment's settings, storing nothing) and prints the report. The passages come from
 * the knowledge plugin (`kiban kb import` loads FAQs into it).
 */
export const conciergeCommand: CliCommandContribution = {
  name: 'concierge',
  summary: `${USAGE}   answer-quality report over the knowledge plugin`,
  async run(args, ctx): Promise<void> {
    const [subcommand, file] = args;
    if (!file || subcommand !== 'eval') throw new Error(`usage: kiban ${USAGE}`);
    const retrieval = knowledgeSource(ctx);
    if (!retrieval) throw new Error('the knowledge plugin is not running: add it to KIBAN_PLUGINS');
    const summary = await evaluate(
      ctx,
      retrieval,
      await readSettings(ctx),
      parseQuestions(await readFile(file, 'utf8')),
    );
    process.stdout.write(`${formatReport(summary)}\n`);
  },
};
