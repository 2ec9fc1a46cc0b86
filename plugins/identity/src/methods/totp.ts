import { createHash, randomBytes } from 'node:crypto';
import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import { seal, unseal } from '../secrets.ts';

const ISSUER = 'Kiban';
const RECOVERY_CODES = 10;
/** One period either side: a phone's clock a little off still works, nothing older does. */
const EPOCH_TOLERANCE = 30;

type Person = Actor & { kind: 'principal' };

/**
 * Starts (or restarts) enrolment: a new secret, sealed, unconfirmed until the resident enters
 * a code from their app. Only for a person with a password: TOTP is that password's second factor.
 */
export async function startTotp(
  ctx: PluginContext,
  person: Person,
  sealingKey: Buffer,
  label: string,
): Promise<{ otpauthUri: string; qrCode: string }> {
  const { rows } = await ctx.sql.query('select 1 from password_credential where principal_id = $1', [person.id]);
  if (rows.length === 0) {
    throw new PluginError('identity.passwordFirst', 409, {
      ja: '確認コードはパスワードの二要素目です。先にパスワードを設定してください。',
      en: 'A one-time code is the second factor of a password; set a password first.',
    });
  }
  await refuseWhenConfirmed(ctx, person.id);
  const secret = generateSecret();
  await ctx.sql.query(
    `insert into totp_credential (principal_id, sealed_secret) values ($1, $2)
     on conflict (principal_id) do update set sealed_secret = excluded.sealed_secret, last_time_step = null`,
    [person.id, seal(sealingKey, secret)],
  );
  const otpauthUri = generateURI({ issuer: ISSUER, label, secret });
  return { otpauthUri, qrCode: await toDataURL(otpauthUri, { errorCorrectionLevel: 'M' }) };
}

/** Confirms enrolment with a first code; answers the recovery codes, shown once and stored only as digests. */
export async function confirmTotp(
  ctx: PluginContext,
  person: Person,
  sealingKey: Buffer,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  await refuseWhenConfirmed(ctx, person.id);
  const { rows } = await ctx.sql.query<{ sealed_secret: string }>(
    'select sealed_secret from totp_credential where principal_id = $1',
    [person.id],
  );
  if (!rows[0]) {
    throw new PluginError('identity.totpNotStarted', 409, {
      ja: '確認コードの登録を最初から始めてください。',
      en: 'Start setting up the one-time code first.',
    });
  }
  const step = await verifiedStep(unseal(sealingKey, rows[0].sealed_secret), code, null);
  if (step === null) throw codeWrong('/code');
  const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await ctx.transaction(person, async () => {
    await ctx.sql.query(
      'update totp_credential set confirmed_at = now(), last_time_step = $2 where principal_id = $1',
      [person.id, step],
    );
    await ctx.sql.query('delete from recovery_code where principal_id = $1', [person.id]);
    await ctx.sql.query('insert into recovery_code (principal_id, code_digest) select $1, unnest($2::text[])', [
      person.id,
      recoveryCodes.map(digestOf),
    ]);
    await ctx.audit({ actor: person, action: 'identity.method.totpEnabled', recordId: person.id });
  });
  return { recoveryCodes };
}

/** Whether the principal's password needs a second factor. */
export async function totpRequired(ctx: PluginContext, principalId: string): Promise<boolean> {
  const { rows } = await ctx.sql.query(
    'select 1 from totp_credential where principal_id = $1 and confirmed_at is not null',
    [principalId],
  );
  return rows.length > 0;
}

/**
 * Checks a second factor: a current code not used before (its time step must be later than the
 * last one accepted), or an unused recovery code, which is used up.
 */
export async function secondFactorMatches(
  ctx: PluginContext,
  principalId: string,
  sealingKey: Buffer,
  factor: { code?: string; recoveryCode?: string },
): Promise<boolean> {
  if (factor.recoveryCode !== undefined) {
    const { rowCount } = await ctx.sql.query(
      `update recovery_code set used_at = now()
       where principal_id = $1 and code_digest = $2 and used_at is null`,
      [principalId, digestOf(factor.recoveryCode)],
    );
    return rowCount === 1;
  }
  const { rows } = await ctx.sql.query<{ sealed_secret: string; last_time_step: string | null }>(
    'select sealed_secret, last_time_step from totp_credential where principal_id = $1 and confirmed_at is not null',
    [principalId],
  );
  if (!rows[0] || factor.code === undefined) return false;
  const last = rows[0].last_time_step === null ? null : Number(rows[0].last_time_step);
  const step = await verifiedStep(unseal(sealingKey, rows[0].sealed_secret), factor.code, last);
  if (step === null) return false;
  // Two requests with the same code: only the one that moves the step on wins.
  const { rowCount } = await ctx.sql.query(
    `update totp_credential set last_time_step = $2
     where principal_id = $1 and (last_time_step is null or last_time_step < $2)`,
    [principalId, step],
  );
  return rowCount === 1;
}

async function verifiedStep(secret: string, code: string, after: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: EPOCH_TOLERANCE,
    ...(after === null ? {} : { afterTimeStep: after }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

async function refuseWhenConfirmed(ctx: PluginContext, principalId: string): Promise<void> {
  if (await totpRequired(ctx, principalId)) {
    throw new PluginError('identity.totpAlreadyEnabled', 409, {
      ja: '確認コードはすでに設定されています。',
      en: 'A one-time code is already set up.',
    });
  }
}

/** 80 random bits in Crockford-like groups; so much entropy that a plain digest is enough to store. */
function newRecoveryCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((byte) => alphabet[byte % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}

function digestOf(recoveryCode: string): string {
  const normalised = recoveryCode
    .normalize('NFKC')
    .toUpperCase()
    .replaceAll(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(normalised).digest('hex');
}

export function codeWrong(pointer: string): PluginError {
  return new PluginError(
    'identity.codeWrong',
    400,
    { ja: '確認コードが正しくありません。', en: 'The one-time code is not correct.' },
    [
      {
        pointer,
        code: 'identity.codeWrong',
        message: { ja: '最新のコードを入力してください。', en: 'Enter the current code.' },
      },
    ],
  );
}
