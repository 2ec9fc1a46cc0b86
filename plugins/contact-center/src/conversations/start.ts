import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { toPersonWithinHours } from '../hours/gate.ts';
import { SYSTEM } from '../roles.ts';
import { queueForConversation } from '../routing/queues.ts';
import { firstTierAvailable } from '../tiers/first-tier.ts';
import { newAnonymousToken, type Party, residentOf } from './access.ts';
import type { Channel, ConversationRow } from './rows.ts';
import { getConversation } from './store.ts';
import { systemLine } from './translated-message.ts';

export interface StartInput {
  channel?: Channel;
  language?: string;
  category?: string;
}

const GREETING =
  'お問い合わせありがとうございます。AI が自動でお答えします。「職員と話したい」を押すと職員におつなぎします。';

/** The portal's tag for やさしい日本語 (`ja-x-easy`) is stored as the contact centre's own (`ja-easy`). */
function storedLanguage(language: string | undefined): string {
  return language === 'ja-x-easy' ? 'ja-easy' : (language ?? 'ja');
}

/**
 * Opens a conversation for a signed-in resident or an anonymous visitor (who receives the
 * conversation's token once). It starts with tier 1 when the AI concierge or the knowledge
 * base runs, otherwise it goes straight to the operator queue (outside service hours: see
 * `toPersonWithinHours`).
 */
export async function startConversation(
  ctx: PluginContext,
  clock: Clock,
  party: Party,
  input: StartInput,
): Promise<{ conversation: ConversationRow; token?: string }> {
  const anonymous = party.kind === 'anonymous' ? newAnonymousToken() : undefined;
  const resident = residentOf(party);
  const { rows } = await ctx.sql.query<ConversationRow>(
    `insert into conversation (channel, status, tier, language, category, resident, anonymous_token_sha256, created_at)
     values ($1, 'bot', 'ai', $2, $3, $4, $5, $6) returning *`,
    [
      input.channel ?? 'chat',
      storedLanguage(input.language),
      input.category ?? null,
      resident,
      anonymous?.sha256 ?? null,
      clock(),
    ],
  );
  const created = rows[0];
  if (!created) throw new Error('the conversation was not stored');
  if (resident) {
    await ctx.sql.query("insert into participant (conversation_id, principal, role) values ($1, $2, 'resident')", [
      created.id,
      resident,
    ]);
  }
  if (firstTierAvailable(ctx)) {
    await systemLine(ctx, clock, created.id, 'greeting', GREETING);
  } else {
    const queue = await queueForConversation(ctx, input.category ?? null, created.language);
    await toPersonWithinHours(ctx, clock, created.id, { queue, by: SYSTEM });
  }
  return { conversation: await getConversation(ctx, created.id), token: anonymous?.token };
}
