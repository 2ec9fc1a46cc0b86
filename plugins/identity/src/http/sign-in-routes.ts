import { type Hono, type PluginContext, PluginError, type SignIn } from '@kiban/sdk';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { clearFailures, countFailure, type GuardKey, refuseWhileLocked } from '../methods/guard.ts';
import { credentialResponseSchema } from '../methods/method-actions.ts';
import { authenticatePasskey, authenticationOptions, passkeyOwner, relyingPartyOf } from '../methods/passkeys.ts';
import { MAX_PASSWORD_LENGTH, passwordMatches } from '../methods/password.ts';
import { secondFactorMatches, totpRequired } from '../methods/totp.ts';
import { deriveKeys } from '../secrets.ts';
import { type IdentitySettings, requireConfigured } from '../settings.ts';
import { addressKey } from './address-key.ts';
import { bodyOf } from './input.ts';
import { setSessionCookie } from './session-cookie.ts';

const passwordSignInSchema = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 },
    code: { type: 'string', pattern: '^[0-9]{6}$' },
    recoveryCode: { type: 'string', minLength: 16, maxLength: 40 },
  },
};

const passkeySignInSchema = {
  type: 'object',
  required: ['challengeId', 'response'],
  additionalProperties: false,
  properties: { challengeId: { type: 'string', minLength: 1, maxLength: 100 }, response: credentialResponseSchema },
};

/**
 * Sign-in with the methods the plugin verifies itself, each behind a lockout with back-off per
 * subject and per client address: `POST /password/sign-in {username, password, code?|recoveryCode?}`,
 * `POST /passkey/options` then `POST /passkey/sign-in {challengeId, response}`. A success sets
 * the Kiban session cookie, recording the method and its assurance.
 */
export function signInRoutes(app: Hono, ctx: PluginContext): void {
  app.post('/password/sign-in', async (c) => {
    const input = await bodyOf<{ username: string; password: string; code?: string; recoveryCode?: string }>(
      c.req,
      passwordSignInSchema,
    );
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    const principalId = await ctx.identity.residentIdByUsername(input.username);
    const account: GuardKey = {
      method: 'password',
      subject: input.username.normalize('NFKC').toLowerCase(),
      ...(principalId ? { principalId } : {}),
    };
    const address = addressKey(c);
    await refuseWhileLocked(ctx, [account, address]);
    if (!principalId || !(await passwordMatches(ctx, principalId, input.password))) {
      await countFailure(ctx, [account, address]);
      throw signInFailed();
    }
    let signIn: SignIn = { method: 'password', assurance: 'low' };
    if (await totpRequired(ctx, principalId)) {
      if (input.code === undefined && input.recoveryCode === undefined) throw secondFactorRequired();
      const secondFactor: GuardKey = { method: 'totp', subject: principalId, principalId };
      await refuseWhileLocked(ctx, [secondFactor]);
      if (!(await secondFactorMatches(ctx, principalId, deriveKeys(settings.secret).totp, input))) {
        await countFailure(ctx, [secondFactor, address]);
        throw signInFailed();
      }
      await clearFailures(ctx, [secondFactor]);
      signIn = { method: 'password-totp', assurance: 'substantial' };
    }
    await clearFailures(ctx, [account, address]);
    return c.json(await openSession(c, ctx, settings, principalId, signIn));
  });

  app.post('/passkey/options', async (c) => {
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    await refuseWhileLocked(ctx, [addressKey(c)]);
    return c.json(await authenticationOptions(ctx, relyingPartyOf(settings.publicOrigin)));
  });

  app.post('/passkey/sign-in', async (c) => {
    const input = await bodyOf<{ challengeId: string; response: AuthenticationResponseJSON }>(
      c.req,
      passkeySignInSchema,
    );
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    const owner = await passkeyOwner(ctx, input.response.id);
    const credential: GuardKey = {
      method: 'passkey',
      subject: input.response.id,
      ...(owner ? { principalId: owner } : {}),
    };
    const address = addressKey(c);
    await refuseWhileLocked(ctx, [credential, address]);
    const principalId = await authenticatePasskey(ctx, relyingPartyOf(settings.publicOrigin), input);
    if (!principalId) {
      await countFailure(ctx, [credential, address]);
      throw signInFailed();
    }
    await clearFailures(ctx, [credential, address]);
    return c.json(await openSession(c, ctx, settings, principalId, { method: 'passkey', assurance: 'substantial' }));
  });
}

async function openSession(
  c: Context,
  ctx: PluginContext,
  settings: IdentitySettings & { publicOrigin: string },
  principalId: string,
  signIn: SignIn,
): Promise<{ signedIn: true } & SignIn> {
  const maxAgeSeconds = (settings.sessionHours ?? 8) * 3600;
  const session = await ctx.identity.startSession(principalId, signIn, { ttlSeconds: maxAgeSeconds });
  setSessionCookie(c, { ...session, maxAgeSeconds, secure: settings.publicOrigin.startsWith('https:') });
  return { signedIn: true, ...signIn };
}

/** The same answer for an unknown name, a wrong password and a wrong code: nothing tells which. */
function signInFailed(): PluginError {
  return new PluginError('identity.signInFailed', 401, {
    ja: 'サインインできませんでした。入力内容を確かめてください。',
    en: 'The sign-in failed; check what you entered.',
  });
}

function secondFactorRequired(): PluginError {
  return new PluginError(
    'identity.secondFactorRequired',
    401,
    { ja: '確認コードを入力してください。', en: 'Enter your one-time code.' },
    [
      {
        pointer: '/code',
        code: 'identity.secondFactorRequired',
        message: { ja: '6桁の確認コード', en: 'the 6-digit code' },
      },
    ],
  );
}
