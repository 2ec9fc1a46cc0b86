import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginContext } from '@kiban/sdk';
import { attributeActions } from './attributes/attribute-actions.ts';
import { attributeRoutes } from './attributes/attribute-routes.ts';
import { clientCommand } from './clients/client-cli.ts';
import {
  type ClientRegistration,
  disableClient,
  listClients,
  registerClient,
  registrationSchema,
  updateClient,
  updateSchema,
} from './clients/clients.ts';
import { releaseAttributes } from './consent/release-action.ts';
import { familyActions } from './family/family-actions.ts';
import { familyDelegation } from './family/family-grants.ts';
import { householdOf } from './family/household-action.ts';
import { interactionRoutes } from './http/interaction-routes.ts';
import { oidcRoutes } from './http/oidc-routes.ts';
import { pageRoutes } from './http/page-routes.ts';
import { portalRoutes } from './http/portal-routes.ts';
import { signInRoutes } from './http/sign-in-routes.ts';
import { upstreamRoutes } from './http/upstream-routes.ts';
import { methodActions } from './methods/method-actions.ts';
import { finishActions } from './migration/finish-actions.ts';
import { finishRoutes } from './migration/finish-routes.ts';
import { importAccounts } from './migration/import-accounts.ts';
import { pruneExpired } from './oidc/adapter.ts';
import { rotateSigningKey } from './oidc/keys.ts';
import { type ProviderSource, providerSource } from './oidc/provider-source.ts';
import { myNumberPseudonym } from './pseudonym/my-number.ts';
import { settingsSchema } from './settings.ts';
import { migrations } from './storage.ts';

const ADMIN = ['identity-admin'];

/**
 * One provider per loaded plugin. Action contexts are copies of the plugin's context that share
 * its `plugin` object, so that object names the loaded plugin (two engines in one process, say).
 */
const sources = new WeakMap<object, ProviderSource>();
function sourceOf(ctx: PluginContext): ProviderSource {
  let source = sources.get(ctx.plugin);
  if (!source) {
    source = providerSource(ctx);
    sources.set(ctx.plugin, source);
  }
  return source;
}

/**
 * The city's common ID (functions #1, #2): Kiban as the OpenID Provider of the city's other
 * services, with a pairwise subject per service and the resident's consent per attribute.
 */
export default definePlugin({
  name: 'identity',
  version: '0.1.0',
  requires: { engine: '>=0.1.0' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  storage: { migrations },
  settings: { schema: settingsSchema },
  actions: [
    {
      name: 'registerClient',
      label: { ja: 'サービスを登録', en: 'Register a service' },
      input: registrationSchema,
      roles: ADMIN,
      handler: (input, ctx) => registerClient(ctx, sourceOf(ctx), ctx.actor, input as ClientRegistration),
    },
    {
      name: 'updateClient',
      label: { ja: 'サービスの登録内容を変更', en: 'Update a service' },
      input: updateSchema,
      roles: ADMIN,
      handler: (input, ctx) =>
        updateClient(ctx, sourceOf(ctx), ctx.actor, input as ClientRegistration & { clientId: string }),
    },
    {
      name: 'listClients',
      label: { ja: '登録済みサービスの一覧', en: 'List the registered services' },
      input: { type: 'object', additionalProperties: false, properties: {} },
      roles: ADMIN,
      handler: async (_input, ctx) => ({ items: await listClients(ctx) }),
    },
    {
      name: 'disableClient',
      label: { ja: 'サービスを停止', en: 'Disable a service' },
      input: {
        type: 'object',
        required: ['clientId'],
        additionalProperties: false,
        properties: { clientId: { type: 'string', minLength: 1, maxLength: 100 } },
      },
      roles: ADMIN,
      handler: async (input, ctx) => {
        await disableClient(ctx, ctx.actor, (input as { clientId: string }).clientId);
        return { disabled: true };
      },
    },
    {
      name: 'rotateSigningKey',
      label: { ja: '署名鍵を更新', en: 'Rotate the signing key' },
      input: { type: 'object', additionalProperties: false, properties: {} },
      roles: ADMIN,
      handler: async (_input, ctx) => {
        const { derived } = await sourceOf(ctx).current();
        const rotated = await rotateSigningKey(ctx.sql, derived.sealing);
        await ctx.audit({ actor: ctx.actor, action: 'identity.signingKey.rotated', details: rotated });
        sourceOf(ctx).invalidate();
        return rotated;
      },
    },
    {
      // The number arrives, the pseudonym leaves; the number is never stored, logged or returned.
      name: 'myNumberPseudonym',
      label: { ja: '個人番号の仮名化', en: 'Pseudonym of an individual number' },
      input: {
        type: 'object',
        required: ['myNumber'],
        additionalProperties: false,
        properties: { myNumber: { type: 'string', minLength: 12, maxLength: 20 } },
      },
      roles: ['identity-pseudonym'],
      handler: async (input, ctx) => ({
        pseudonym: myNumberPseudonym(
          ctx.config.pseudonymKey as string | undefined,
          (input as { myNumber: string }).myNumber,
        ),
      }),
    },
    ...familyActions,
    releaseAttributes,
    householdOf,
    ...methodActions,
    {
      name: 'importAccounts',
      label: { ja: '旧システムのアカウント取込', en: 'Import accounts of the former system' },
      input: {
        type: 'object',
        required: ['csv', 'dryRun'],
        additionalProperties: false,
        properties: { csv: { type: 'string', minLength: 1, maxLength: 900_000 }, dryRun: { type: 'boolean' } },
      },
      roles: ADMIN,
      handler: (input, ctx) => {
        const { csv, dryRun } = input as { csv: string; dryRun: boolean };
        return importAccounts(ctx, ctx.actor, csv, dryRun);
      },
    },
    ...finishActions,
    ...attributeActions,
  ],
  cli: [clientCommand(sourceOf)],
  jobs: [
    {
      name: 'pruneExpired',
      every: '1h',
      handler: async (_payload, ctx) => {
        await pruneExpired(ctx.sql);
      },
    },
  ],
  publicRoutes: {
    // Per client address: services call the token and introspection endpoints from a few servers.
    rateLimit: { requests: 50_000, perSeconds: 60 },
    routes(app, ctx) {
      oidcRoutes(app, sourceOf(ctx));
      interactionRoutes(app, ctx, sourceOf(ctx));
      upstreamRoutes(app, ctx);
      signInRoutes(app, ctx);
      pageRoutes(app, ctx);
      finishRoutes(app, ctx);
    },
  },
  routes(app, ctx) {
    portalRoutes(app, ctx);
    attributeRoutes(app, ctx);
  },
  // A parent acts on their child's applications over a family link with `applications`.
  delegation: familyDelegation,
  ui: {
    dir: fileURLToPath(new URL('../ui', import.meta.url)),
    entry: 'index.js',
    components: ['identity-my-services', 'identity-my-methods'],
    // Where the portal sends a resident a form needs a stronger sign-in from (`?assurance=jpki`).
    stepUpPage: 'pages/sign-in',
    staffPages: [
      {
        name: 'clients',
        label: { ja: '連携サービスの登録', en: 'Registered services' },
        tag: 'identity-clients',
        menuOrder: 10,
      },
    ],
  },
});
