import { createHash, randomBytes } from 'node:crypto';
import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { type IdentitySettings, requireConfigured } from '../settings.ts';

/** How long an emailed link works: long enough for a resident who reads mail once a few days. */
export const LINK_HOURS = 72;

export type SendOutcome = 'sent' | 'finished' | 'failed';

/**
 * Sends each imported account that is not finished a one-time link to the address the former
 * system held, through the engine's mail port. Only the link's SHA-256 digest is stored; the
 * link works once, for `LINK_HOURS`. An account already finished (email verified, or a sign-in
 * method linked) gets nothing. A mail that cannot be sent leaves no usable link behind.
 */
export async function sendVerificationLinks(
  ctx: PluginContext,
  actor: Actor,
  legacyIds: string[],
): Promise<{ items: { legacyId: string; outcome: SendOutcome }[] }> {
  const settings = requireConfigured(await ctx.settings<IdentitySettings>());
  if (!ctx.mail.configured) {
    throw new PluginError('identity.migration.mailNotConfigured', 503, {
      ja: 'メールサーバーが設定されていないため、確認メールを送れません。',
      en: 'No mail server is configured, so no verification mail can be sent.',
    });
  }
  const { rows } = await ctx.sql.query<{ legacy_id: string; email: string; finished: boolean }>(
    `select a.legacy_id, a.email, (a.email_verified_at is not null or m.principal_id is not null) as finished
       from migrated_account a left join (${METHOD_OWNERS}) m on m.principal_id = a.principal_id
      where a.legacy_id = any($1::text[]) order by a.legacy_id`,
    [legacyIds],
  );
  const unknown = legacyIds.filter((id) => !rows.some((row) => row.legacy_id === id));
  if (unknown.length > 0) {
    throw new PluginError(
      'identity.migration.unknownAccount',
      404,
      {
        ja: '取り込まれていない ID があります。何も送っていません。',
        en: 'Some ids were never imported. Nothing was sent.',
      },
      unknown.map((id) => ({
        pointer: `/legacyIds/${legacyIds.indexOf(id)}`,
        code: 'identity.migration.unknownAccount',
        message: { ja: `ID ${id}`, en: `id ${id}` },
      })),
    );
  }
  const items: { legacyId: string; outcome: SendOutcome }[] = [];
  for (const row of rows) {
    if (row.finished) {
      items.push({ legacyId: row.legacy_id, outcome: 'finished' });
      continue;
    }
    const token = randomBytes(32).toString('base64url');
    await ctx.sql.query(
      `insert into account_verification (token_digest, legacy_id, expires_at) values ($1, $2, now() + make_interval(hours => $3))`,
      [digestOf(token), row.legacy_id, LINK_HOURS],
    );
    try {
      await ctx.mail.send({
        to: [row.email],
        subject: 'アカウント移行の確認 / Confirm your account',
        text: mailText(`${settings.publicOrigin}/api/public/identity/pages/finish-account?token=${token}`),
        idempotencyKey: `identity-verification-${digestOf(token).slice(0, 32)}`,
      });
      items.push({ legacyId: row.legacy_id, outcome: 'sent' });
    } catch (error) {
      await ctx.sql.query('delete from account_verification where token_digest = $1', [digestOf(token)]);
      ctx.logger.warn('verification mail not sent', { legacyId: row.legacy_id, error: (error as Error).message });
      items.push({ legacyId: row.legacy_id, outcome: 'failed' });
    }
  }
  await ctx.audit({
    actor,
    action: 'identity.migration.verificationSent',
    details: { sent: items.filter((item) => item.outcome === 'sent').map((item) => item.legacyId) },
  });
  return { items };
}

/**
 * Uses a link: the account's email is verified and the resident's principal id returned, so the
 * caller can open a session for them. An unknown link, one used before or one past its time is
 * refused with its own code and changes nothing. Marking it used is one conditional update, so
 * two clicks at once cannot both succeed.
 */
export async function useVerificationLink(ctx: PluginContext, token: string): Promise<{ principalId: string }> {
  return ctx.transaction({ kind: 'system' }, async () => {
    const { rows } = await ctx.sql.query<{ legacy_id: string; principal_id: string; state: string }>(
      `select v.legacy_id, a.principal_id,
              case when v.used_at is not null then 'used' when v.expires_at <= now() then 'expired' else 'valid' end as state
         from account_verification v join migrated_account a using (legacy_id)
        where v.token_digest = $1 for update of v`,
      [digestOf(token)],
    );
    const link = rows[0];
    if (!link)
      throw linkRefused('identity.migration.linkUnknown', 404, 'このリンクは無効です。', 'This link is not valid.');
    if (link.state === 'used') {
      throw linkRefused(
        'identity.migration.linkUsed',
        410,
        'このリンクは使用済みです。',
        'This link was used already.',
      );
    }
    if (link.state === 'expired') {
      throw linkRefused(
        'identity.migration.linkExpired',
        410,
        'このリンクは有効期限が切れています。市に新しいリンクを依頼してください。',
        'This link has expired. Ask the city for a new one.',
      );
    }
    await ctx.sql.query('update account_verification set used_at = now() where token_digest = $1', [digestOf(token)]);
    await ctx.sql.query(
      'update migrated_account set email_verified_at = coalesce(email_verified_at, now()) where legacy_id = $1',
      [link.legacy_id],
    );
    await ctx.audit({
      actor: { kind: 'system' },
      action: 'identity.migration.emailVerified',
      details: { legacyId: link.legacy_id, principalId: link.principal_id },
    });
    return { principalId: link.principal_id };
  });
}

/** Principals with a sign-in method of their own: a password, a passkey or a linked upstream. */
export const METHOD_OWNERS = `select principal_id from password_credential
  union select principal_id from passkey_credential
  union select principal_id from upstream_link`;

function digestOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function linkRefused(code: string, status: number, ja: string, en: string): PluginError {
  return new PluginError(code, status, { ja, en });
}

function mailText(link: string): string {
  return [
    '以前のオンライン申請システムのアカウントを、市の共通IDに移行しました。',
    `次のリンクを開いて、このメールアドレスを確認してください（${LINK_HOURS}時間有効、1回のみ）。`,
    link,
    '確認のあと、パスワード・パスキー・デジタル認証アプリのいずれかのサインイン方法を設定してください。',
    '心当たりのない場合は、このメールを破棄してください。',
    '',
    'Your account of the former online application system has moved to the city’s common ID.',
    `Open the link above to confirm this address (valid ${LINK_HOURS} hours, once), then set up a way to sign in.`,
  ].join('\n');
}
