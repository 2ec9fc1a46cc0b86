import { type ActionContribution, type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { deriveKeys } from '../secrets.ts';
import { type IdentitySettings, requireConfigured } from '../settings.ts';
import { requireFreshSignIn } from './fresh-sign-in.ts';
import { unlock } from './guard.ts';
import { removeMethod } from './methods.ts';
import { registerPasskey, registrationOptions, relyingPartyOf } from './passkeys.ts';
import { MAX_PASSWORD_LENGTH, setPassword } from './password.ts';
import { confirmTotp, startTotp } from './totp.ts';

const shortText = { type: 'string', minLength: 1, maxLength: 100 };

/** The shape of a WebAuthn credential as `@simplewebauthn/browser` sends it; the library checks the rest. */
export const credentialResponseSchema = {
  type: 'object',
  required: ['id', 'rawId', 'type', 'response', 'clientExtensionResults'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 1400, pattern: '^[A-Za-z0-9_-]+$' },
    rawId: { type: 'string', minLength: 1, maxLength: 1400 },
    type: { const: 'public-key' },
    response: { type: 'object' },
    clientExtensionResults: { type: 'object' },
    authenticatorAttachment: { type: 'string' },
  },
};

async function configured(ctx: PluginContext) {
  return requireConfigured(await ctx.settings<IdentitySettings>());
}

function residentOf(actor: Actor): Actor & { kind: 'principal' } {
  if (actor.kind !== 'principal' || actor.principalKind !== 'resident') {
    throw new PluginError('identity.residentsOnly', 403, {
      ja: '住民本人としてサインインしている場合だけ利用できます。',
      en: 'Only a resident signed in as themselves can do this.',
    });
  }
  return actor;
}

/** A resident's own sign-in methods (set a password, its one-time code, passkeys, remove one) and staff unlocking. */
export const methodActions: ActionContribution[] = [
  {
    name: 'setPassword',
    label: { ja: 'パスワードを設定', en: 'Set a password' },
    input: {
      type: 'object',
      required: ['password'],
      additionalProperties: false,
      properties: {
        password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH * 4 },
        currentPassword: { type: 'string', maxLength: MAX_PASSWORD_LENGTH * 4 },
      },
    },
    handler: async (input, ctx) => {
      const resident = residentOf(ctx.actor);
      // Replacing a password proves itself with the current one; a first one is a new method.
      if ((input as { currentPassword?: string }).currentPassword === undefined)
        await requireFreshSignIn(ctx, resident);
      return setPassword(ctx, resident, input as { password: string });
    },
  },
  {
    name: 'startTotp',
    label: { ja: '確認コードの設定を開始', en: 'Start setting up a one-time code' },
    input: { type: 'object', additionalProperties: false, properties: { accountName: shortText } },
    handler: async (input, ctx) => {
      const { secret } = await configured(ctx);
      const accountName = (input as { accountName?: string }).accountName ?? 'Kiban ID';
      return startTotp(ctx, residentOf(ctx.actor), deriveKeys(secret).totp, accountName);
    },
  },
  {
    name: 'confirmTotp',
    label: { ja: '確認コードを有効にする', en: 'Turn the one-time code on' },
    input: {
      type: 'object',
      required: ['code'],
      additionalProperties: false,
      properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } },
    },
    handler: async (input, ctx) => {
      const { secret } = await configured(ctx);
      return confirmTotp(ctx, residentOf(ctx.actor), deriveKeys(secret).totp, (input as { code: string }).code);
    },
  },
  {
    name: 'passkeyRegistrationOptions',
    label: { ja: 'パスキーの登録を開始', en: 'Start adding a passkey' },
    input: { type: 'object', additionalProperties: false, properties: { userName: shortText } },
    handler: async (input, ctx) => {
      const { publicOrigin } = await configured(ctx);
      const userName = (input as { userName?: string }).userName ?? 'Kiban ID';
      const resident = residentOf(ctx.actor);
      await requireFreshSignIn(ctx, resident);
      return registrationOptions(ctx, relyingPartyOf(publicOrigin), resident, userName);
    },
  },
  {
    name: 'registerPasskey',
    label: { ja: 'パスキーを登録', en: 'Add a passkey' },
    input: {
      type: 'object',
      required: ['challengeId', 'response', 'label'],
      additionalProperties: false,
      properties: { challengeId: shortText, response: credentialResponseSchema, label: shortText },
    },
    handler: async (input, ctx) => {
      const { publicOrigin } = await configured(ctx);
      const resident = residentOf(ctx.actor);
      await requireFreshSignIn(ctx, resident);
      return registerPasskey(
        ctx,
        relyingPartyOf(publicOrigin),
        resident,
        input as { challengeId: string; response: RegistrationResponseJSON; label: string },
      );
    },
  },
  {
    name: 'removeSignInMethod',
    label: { ja: 'サインイン方法を削除', en: 'Remove a sign-in method' },
    input: {
      type: 'object',
      required: ['methodId'],
      additionalProperties: false,
      properties: { methodId: { type: 'string', minLength: 1, maxLength: 1500 } },
    },
    handler: async (input, ctx) => {
      await removeMethod(ctx, residentOf(ctx.actor), (input as { methodId: string }).methodId);
      return { removed: true };
    },
  },
  {
    name: 'unlockSignIn',
    label: { ja: 'サインインのロックを解除', en: 'Lift a sign-in lock' },
    input: {
      type: 'object',
      required: ['principalId'],
      additionalProperties: false,
      properties: { principalId: shortText, method: { enum: ['password', 'totp', 'passkey'] } },
    },
    roles: ['identity-admin'],
    handler: async (input, ctx) => {
      const { principalId, method } = input as { principalId: string; method?: string };
      return { lifted: await unlock(ctx, ctx.actor, principalId, method) };
    },
  },
];
