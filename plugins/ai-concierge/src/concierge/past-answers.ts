import type { ActionContext } from '@kiban/sdk';
import { anonymise } from '../privacy/anonymise.ts';
import { coverage } from '../retrieval/coverage.ts';

/** An answer staff gave to an earlier inquiry like this one, for an operator to adapt. */
export interface PastAnswer {
  caseId: string;
  subject: string;
  /** The answer as sent, with personal data masked: it was written to someone else. */
  answer: string;
  answeredAt?: string;
  /** The share of the inquiry's terms the earlier inquiry holds, 0–1. */
  score: number;
}

/** The CRM's case records, when the CRM runs: answered and closed ones carry the answer given. */
const CASE_ENTITY = 'Case';
const ANSWERED = ['answered', 'closed'];
/** How many of the latest answered cases are compared, and how many like ones are offered. */
const RECENT_CASES = 200;
const OFFERED = 3;
/** Below this share of the inquiry's terms an earlier case is about something else. */
const MINIMUM_SCORE = 0.5;

/**
 * The answered cases most like `inquiry` among the latest the staff member (`ctx.actor`) may
 * read — read through the data API under their own policies, and so audited as their read.
 * Nothing when the CRM's `Case` entity is not published or the staff member may read no case.
 */
export async function pastAnswers(ctx: ActionContext, inquiry: string): Promise<PastAnswer[]> {
  if (!ctx.metadata.item('entity', CASE_ENTITY)) return [];
  const cases = await ctx
    .data(ctx.actor)
    .list(CASE_ENTITY, {
      filter: { status: { in: ANSWERED }, answer: { isNull: false } },
      sort: '-answeredAt',
      limit: RECENT_CASES,
      fields: ['subject', 'body', 'answer', 'answeredAt'],
    })
    .catch((error: unknown) => {
      // Staff whom no policy lets read cases get the draft without them, not a refusal of it.
      if ((error as { status?: unknown }).status === 403) return [];
      throw error;
    });
  const alike = cases
    .map((record) => ({
      record,
      score: coverage(inquiry, { title: text(record.subject), text: text(record.body) }),
    }))
    .filter(({ score }) => score >= MINIMUM_SCORE)
    .sort((a, b) => b.score - a.score)
    .slice(0, OFFERED);
  return Promise.all(
    alike.map(async ({ record, score }) => ({
      caseId: String(record.id),
      subject: (await anonymise(text(record.subject))).text,
      answer: (await anonymise(text(record.answer))).text,
      answeredAt: typeof record.answeredAt === 'string' ? record.answeredAt : undefined,
      score,
    })),
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');
