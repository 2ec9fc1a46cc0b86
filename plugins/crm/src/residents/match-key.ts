import type { EventHandlerContribution, PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';

/**
 * The key two profiles of one person share: kana name, birth date and address, each
 * normalised (NFKC, hiragana to katakana, no spaces; in addresses 丁目/番地/番/号 and every
 * dash become one hyphen, so 「北1条西2丁目3番4号」 and 「北１条西２－３－４」 agree).
 * Undefined when one of the three is missing: such profiles are never proposed.
 */
export function matchKey(profile: RecordData): string | undefined {
  const kana = typeof profile.fullNameKana === 'string' ? normaliseKana(profile.fullNameKana) : '';
  const birth = typeof profile.birthDate === 'string' ? profile.birthDate : '';
  const address = typeof profile.address === 'string' ? normaliseAddress(profile.address) : '';
  if (!kana || !birth || !address) return undefined;
  return `${kana}|${birth}|${address}`;
}

function normaliseKana(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60))
    .replace(/[\s・]/g, '');
}

function normaliseAddress(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/[‐‑‒–—―−ー－-]/g, '-')
    .replace(/(丁目|番地|番|号)/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
}

/** Keeps `resident_match_key` and `resident_phone` in step with the profiles. */
export const matchKeys: EventHandlerContribution = {
  event: 'record.*',
  entity: ENTITY.profile,
  async handler(event, ctx) {
    // A deleted profile's principal is no longer known; its key goes when a merge retires it.
    if (event.type === 'record.deleted') return;
    const id = (event.payload as { id: string }).id;
    const [profile] = await ctx.data(SYSTEM).list(ENTITY.profile, { filter: { id: { eq: id } }, limit: 1 });
    if (!profile) return;
    await indexPhone(ctx, String(profile.principal), profile.mergedInto ? undefined : profile.phone);
    const key = profile.mergedInto ? undefined : matchKey(profile);
    if (!key) {
      await ctx.sql.query('delete from resident_match_key where principal = $1', [String(profile.principal)]);
      return;
    }
    await ctx.sql.query(
      `insert into resident_match_key (principal, match_key) values ($1, $2)
       on conflict (principal) do update set match_key = excluded.match_key`,
      [String(profile.principal), key],
    );
  },
};

/** A phone number as its digits only: 「０１１－２１１－２１１１」, 011-211-2111 and 0112112111 agree. */
export function phoneDigits(value: string): string {
  return value.normalize('NFKC').replace(/\D/g, '');
}

async function indexPhone(ctx: PluginContext, principal: string, phone: unknown): Promise<void> {
  if (typeof phone !== 'string' || phoneDigits(phone) === '') {
    await ctx.sql.query('delete from resident_phone where principal = $1', [principal]);
    return;
  }
  await ctx.sql.query(
    `insert into resident_phone (principal, digits) values ($1, $2)
     on conflict (principal) do update set digits = excluded.digits`,
    [principal, phoneDigits(phone)],
  );
}

/** The residents whose profile has this phone number (for a case opened from an incoming call). */
export async function residentsByPhone(ctx: PluginContext, number: string): Promise<string[]> {
  const digits = phoneDigits(number);
  if (digits.length < 6) return [];
  const { rows } = await ctx.sql.query<{ principal: string }>(
    'select principal from resident_phone where digits = $1 order by principal limit 20',
    [digits],
  );
  return rows.map((row) => row.principal);
}

/** Groups of residents whose profiles share a key, largest first. */
export async function duplicateGroups(ctx: PluginContext, limit = 100): Promise<string[][]> {
  const { rows } = await ctx.sql.query<{ residents: string[] }>(
    `select array_agg(principal order by principal) as residents from resident_match_key
      group by match_key having count(*) > 1 order by count(*) desc, min(principal) limit $1`,
    [limit],
  );
  return rows.map((row) => row.residents);
}
