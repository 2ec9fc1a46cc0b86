import type { ActionContribution, PluginContext } from '@kiban/sdk';
import { asksForPerson } from '../handoff/person-request.ts';
import { anonymise } from '../privacy/anonymise.ts';
import type { PersonalDataKind } from '../privacy/patterns.ts';

/** What the FAQ drafting reads of the concierge: questions it could not answer, answers rated unhelpful. */
export interface ConciergeSignal {
  kind: 'conciergeDeclined' | 'conciergeNotHelpful';
  /** The question as stored: masked before it was searched. */
  text: string;
  at: string;
  /** The knowledge records the answer cited (`KnowledgeFaq:<id>` …): what "did not help". */
  cited: string[];
}

const MAX_SIGNALS = 5_000;

/**
 * The concierge's declined questions (not those asking for a person: they are no FAQ) and its
 * answers rated "did not help", since `since`. Turns are numbered in their conversation by
 * time, as the feedback numbers them; only conversations active since then are numbered.
 */
export async function conciergeSignals(ctx: PluginContext, since: string): Promise<ConciergeSignal[]> {
  const { rows } = await ctx.sql.query<{
    status: string;
    masked_question: string;
    at: Date | string;
    cited: string[];
    helpful: boolean | null;
  }>(
    `SELECT t.status, t.masked_question, t.at, t.cited, f.helpful
       FROM (SELECT *, row_number() OVER (PARTITION BY conversation_id ORDER BY at, id) AS number FROM turn
              WHERE conversation_id IN (SELECT conversation_id FROM turn WHERE at >= $1
                                        UNION SELECT conversation_id FROM feedback WHERE at >= $1)) t
       LEFT JOIN feedback f ON f.conversation_id = t.conversation_id AND f.turn = t.number
      WHERE (t.status = 'declined' AND t.at >= $1) OR (f.helpful = false AND f.at >= $1)
      ORDER BY t.at DESC LIMIT $2`,
    [since, MAX_SIGNALS],
  );
  return rows
    .filter((row) => row.helpful === false || !asksForPerson(row.masked_question))
    .map((row) => ({
      kind: row.helpful === false ? 'conciergeNotHelpful' : 'conciergeDeclined',
      text: row.masked_question,
      at: new Date(row.at).toISOString(),
      cited: row.cited,
    }));
}

/**
 * In-process services for the knowledge plugin's FAQ drafting, for its system actor (and the
 * concierge's editors): the one masker of personal data, so no draft is written from an
 * unmasked text, and the concierge's own signals.
 */
export const faqSignalActions: ActionContribution[] = [
  {
    name: 'maskTexts',
    label: { ja: '個人情報を伏せる', en: 'Mask personal data' },
    roles: ['concierge-editor'],
    input: {
      type: 'object',
      required: ['texts'],
      additionalProperties: false,
      properties: {
        texts: { type: 'array', maxItems: 10_000, items: { type: 'string', maxLength: 4_000 } },
      },
    },
    handler: async (input) => {
      const masked: Partial<Record<PersonalDataKind, number>> = {};
      const texts: string[] = [];
      for (const text of (input as { texts: string[] }).texts) {
        const result = await anonymise(text);
        texts.push(result.text);
        for (const [kind, count] of Object.entries(result.masked) as Array<[PersonalDataKind, number]>)
          masked[kind] = (masked[kind] ?? 0) + count;
      }
      return { texts, masked };
    },
  },
  {
    name: 'faqSignals',
    label: { ja: 'FAQ の見直しの手がかり', en: 'Signals for the FAQ review' },
    roles: ['concierge-editor'],
    input: {
      type: 'object',
      required: ['since'],
      additionalProperties: false,
      properties: { since: { type: 'string', maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}T' } },
    },
    handler: async (input, ctx) => ({ signals: await conciergeSignals(ctx, (input as { since: string }).since) }),
  },
];
