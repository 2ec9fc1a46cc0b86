import { randomBytes, randomUUID } from 'node:crypto';
import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import type { ClientMetadata } from 'oidc-provider';
import { forgetClient } from '../oidc/adapter.ts';
import { ATTRIBUTE_NAMES } from '../oidc/attributes.ts';
import type { ProviderSource } from '../oidc/provider-source.ts';

export interface ClientRegistration {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** The attributes the service may ask residents for; it can ask for no other. */
  attributes?: string[];
}

const uris = {
  type: 'array',
  minItems: 1,
  maxItems: 20,
  uniqueItems: true,
  items: { type: 'string', maxLength: 2000 },
};

export const registrationSchema = {
  type: 'object',
  required: ['name', 'redirectUris'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    redirectUris: uris,
    postLogoutRedirectUris: uris,
    attributes: { type: 'array', uniqueItems: true, items: { enum: ATTRIBUTE_NAMES } },
  },
};

/**
 * Registers a service as a confidential client with a pairwise subject, the code flow only and
 * the attributes it may ask for. Answers the client secret once; the provider must compare it
 * as sent, so it is kept as issued (the table is the plugin's, out of the data API's reach).
 */
export async function registerClient(
  ctx: PluginContext,
  source: ProviderSource,
  actor: Actor,
  input: ClientRegistration,
): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = randomUUID();
  const clientSecret = randomBytes(32).toString('base64url');
  const metadata = await validMetadata(source, clientId, clientSecret, input);
  await ctx.transaction(actor, async () => {
    await ctx.sql.query('insert into relying_party (client_id, metadata, registered_by) values ($1, $2::jsonb, $3)', [
      clientId,
      JSON.stringify(metadata),
      actor.kind === 'principal' ? actor.id : 'system',
    ]);
    await ctx.audit({
      actor,
      action: 'identity.client.registered',
      recordId: clientId,
      details: { name: input.name, redirectUris: input.redirectUris, attributes: input.attributes ?? [] },
    });
  });
  return { clientId, clientSecret };
}

export const updateSchema = {
  ...registrationSchema,
  required: ['clientId', 'name', 'redirectUris'],
  properties: { clientId: { type: 'string', minLength: 1, maxLength: 100 }, ...registrationSchema.properties },
};

/**
 * Replaces a registered service's name, redirect URIs and attributes (its id and secret stay).
 * Narrowing its attributes stops new requests for the removed ones; tokens already issued keep theirs.
 */
export async function updateClient(
  ctx: PluginContext,
  source: ProviderSource,
  actor: Actor,
  input: ClientRegistration & { clientId: string },
): Promise<{ clientId: string }> {
  await ctx.transaction(actor, async () => {
    const { rows } = await ctx.sql.query<{ metadata: ClientMetadata }>(
      'select metadata from relying_party where client_id = $1 and disabled_at is null for update',
      [input.clientId],
    );
    if (!rows[0]) throw clientNotFound();
    const metadata = await validMetadata(source, input.clientId, String(rows[0].metadata.client_secret), input);
    await ctx.sql.query('update relying_party set metadata = $2::jsonb where client_id = $1', [
      input.clientId,
      JSON.stringify(metadata),
    ]);
    await ctx.audit({
      actor,
      action: 'identity.client.updated',
      recordId: input.clientId,
      details: { name: input.name, redirectUris: input.redirectUris, attributes: input.attributes ?? [] },
    });
  });
  // After the commit: a request between a forget and the commit could keep the old one again.
  forgetClient(input.clientId);
  return { clientId: input.clientId };
}

/** The registered services, newest first, without their secrets. */
export async function listClients(ctx: PluginContext): Promise<RegisteredClient[]> {
  const { rows } = await ctx.sql.query<{ metadata: ClientMetadata; registered_at: Date; disabled_at: Date | null }>(
    'select metadata, registered_at, disabled_at from relying_party order by registered_at desc, client_id',
  );
  return rows.map(({ metadata, registered_at, disabled_at }) => ({
    clientId: String(metadata.client_id),
    name: String(metadata.client_name ?? ''),
    redirectUris: [...(metadata.redirect_uris ?? [])],
    postLogoutRedirectUris: (metadata.post_logout_redirect_uris as string[] | undefined) ?? [],
    attributes: String(metadata.scope ?? '')
      .split(' ')
      .filter((scope) => scope !== '' && scope !== 'openid'),
    registeredAt: new Date(registered_at).toISOString(),
    disabled: disabled_at !== null,
  }));
}

export interface RegisteredClient {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  attributes: string[];
  registeredAt: string;
  disabled: boolean;
}

/** A confidential client with a pairwise subject and the code flow only, as `oidc-provider` accepts it, or a 400. */
async function validMetadata(
  source: ProviderSource,
  clientId: string,
  clientSecret: string,
  input: ClientRegistration,
): Promise<ClientMetadata> {
  const { provider } = await source.current();
  const metadata: ClientMetadata = {
    client_id: clientId,
    client_secret: clientSecret,
    client_name: input.name,
    redirect_uris: input.redirectUris,
    post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    subject_type: 'pairwise',
    scope: ['openid', ...(input.attributes ?? [])].join(' '),
  };
  try {
    await provider.Client.validate(metadata);
  } catch (error) {
    const { error_description: described, message } = error as { error_description?: string; message?: string };
    const description = described ?? message ?? 'invalid client metadata';
    throw new PluginError(
      'identity.invalidClient',
      400,
      {
        ja: `サービスの登録内容に誤りがあります: ${description}`,
        en: `The service registration is invalid: ${description}`,
      },
      [{ pointer: '', code: 'identity.invalidClient', message: { ja: description, en: description } }],
    );
  }
  return metadata;
}

function clientNotFound(): PluginError {
  return new PluginError('identity.clientNotFound', 404, {
    ja: 'このサービスは登録されていないか、すでに停止しています。',
    en: 'This service is not registered or already disabled.',
  });
}

/** Stops a service: it can no longer sign anyone in, and every token issued to it stops working. */
export async function disableClient(ctx: PluginContext, actor: Actor, clientId: string): Promise<void> {
  await ctx.transaction(actor, async () => {
    const { rowCount } = await ctx.sql.query(
      'update relying_party set disabled_at = now() where client_id = $1 and disabled_at is null',
      [clientId],
    );
    if (rowCount === 0) throw clientNotFound();
    await ctx.sql.query(`delete from oidc_artifact where payload->>'clientId' = $1`, [clientId]);
    await ctx.audit({ actor, action: 'identity.client.disabled', recordId: clientId });
  });
  forgetClient(clientId);
}
