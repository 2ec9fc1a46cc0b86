import { type Actor, type Hono, type PluginContext, PluginError, signedInActor } from '@kiban/sdk';
import type Provider from 'oidc-provider';
import { recordDecision } from '../consent/consents.ts';
import { ATTRIBUTES, isAttribute } from '../oidc/attributes.ts';
import { INTERACTION_PATH } from '../oidc/provider.ts';

const PAGES_PATH = '/api/public/identity/pages';

import type { ProviderSource } from '../oidc/provider-source.ts';
import { alreadySent, type NodeExchange, nodeExchange } from './node-bridge.ts';

type Person = Actor & { kind: 'principal' };
type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The provider's interactions, answered as JSON for the portal's sign-in and consent screen:
 * `GET /interaction/:uid` either completes the login with the Kiban session (redirecting back
 * into the flow) or describes the consent to ask for; `POST …/consent` records the resident's
 * decision per attribute; `POST …/abort` refuses the service altogether.
 */
export function interactionRoutes(app: Hono, ctx: PluginContext, source: ProviderSource): void {
  app.get('/interaction/:uid', async (c) => {
    const { provider } = await source.current();
    const exchange = nodeExchange(c);
    const details = await interactionOf(provider, exchange);
    // A browser navigating here gets pages: the sign-in page first, then the consent page.
    const navigating = (c.req.header('accept') ?? '').includes('text/html');
    const actor = signedInActor(c);
    if (navigating && (actor?.kind !== 'principal' || actor.principalKind === 'system')) {
      return c.redirect(
        `${PAGES_PATH}/sign-in?return=${encodeURIComponent(`${INTERACTION_PATH}/${details.uid}`)}`,
        303,
      );
    }
    const person = signedInPerson(actor, details);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(
        exchange.request,
        exchange.response,
        { login: { accountId: person.id } },
        { mergeWithLastSubmission: false },
      );
      return alreadySent();
    }
    const asked = askedAttributes(details);
    if (asked.length === 0) {
      await finishConsent(ctx, provider, exchange, details, person, { grant: [], refuse: [] });
      return alreadySent();
    }
    if (navigating) return c.redirect(`${PAGES_PATH}/consent?interaction=${encodeURIComponent(details.uid)}`, 303);
    const client = await provider.Client.find(String(details.params.client_id));
    return c.json({
      interaction: details.uid,
      client: { id: client?.clientId, name: client?.clientName ?? null },
      attributes: asked.map((name) => ({ name, label: ATTRIBUTES[name].label, claims: ATTRIBUTES[name].claims })),
      decide: `${INTERACTION_PATH}/${details.uid}/consent`,
    });
  });

  app.post('/interaction/:uid/consent', async (c) => {
    const { provider } = await source.current();
    const exchange = nodeExchange(c);
    const details = await interactionOf(provider, exchange);
    const person = signedInPerson(signedInActor(c), details);
    if (details.prompt.name !== 'consent') throw notAskingConsent();
    const asked = askedAttributes(details);
    const granted = grantedAttributes(await decisionOf(c.req), asked);
    await finishConsent(ctx, provider, exchange, details, person, {
      grant: granted,
      refuse: asked.filter((name) => !granted.includes(name)),
    });
    return alreadySent();
  });

  app.post('/interaction/:uid/abort', async (c) => {
    const { provider } = await source.current();
    const exchange = nodeExchange(c);
    await interactionOf(provider, exchange);
    await provider.interactionFinished(
      exchange.request,
      exchange.response,
      { error: 'access_denied', error_description: 'The resident refused the service.' },
      { mergeWithLastSubmission: false },
    );
    return alreadySent();
  });
}

/** The decision as JSON `{grant: [...]}`, or as the consent page's form (`grant` once per attribute). */
async function decisionOf(request: {
  header(name: string): string | undefined;
  json(): Promise<unknown>;
  parseBody(options: { all: true }): Promise<Record<string, unknown>>;
}): Promise<unknown> {
  if ((request.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    const form = await request.parseBody({ all: true }).catch(() => null);
    if (!form) return null;
    const grant = form.grant;
    return { grant: grant === undefined ? [] : Array.isArray(grant) ? grant : [grant] };
  }
  return request.json().catch(() => null);
}

async function interactionOf(provider: Provider, { request, response }: NodeExchange): Promise<Details> {
  try {
    return await provider.interactionDetails(request, response);
  } catch {
    throw new PluginError('identity.interactionNotFound', 404, {
      ja: 'このサインイン手続きは見つからないか期限が切れています。サービスからやり直してください。',
      en: 'This sign-in has expired or does not exist; start again from the service.',
    });
  }
}

/** The person signed in to Kiban; at consent, the same one who signed in at the start of this flow. */
function signedInPerson(actor: Actor | null, details: Details): Person {
  if (actor?.kind !== 'principal' || actor.principalKind === 'system') {
    throw new PluginError(
      'identity.signInRequired',
      401,
      { ja: 'サインインしてから続けてください。', en: 'Sign in to continue.' },
      [
        {
          pointer: '',
          code: 'identity.signInRequired',
          message: {
            ja: `サインイン後に ${INTERACTION_PATH}/${details.uid} を開き直してください。`,
            en: `After signing in, open ${INTERACTION_PATH}/${details.uid} again.`,
          },
        },
      ],
    );
  }
  if (details.prompt.name !== 'login' && details.session?.accountId !== actor.id) {
    throw new PluginError('identity.otherPerson', 403, {
      ja: 'この手続きは別の方のサインインで始まりました。サービスからやり直してください。',
      en: 'This sign-in was started by someone else; start again from the service.',
    });
  }
  return actor;
}

/** The attributes this consent asks about: the requested scopes not granted or refused before. */
function askedAttributes(details: Details) {
  const missing = (details.prompt.details.missingOIDCScope as string[] | undefined) ?? [];
  return missing.filter(isAttribute);
}

function grantedAttributes(body: unknown, asked: string[]): (keyof typeof ATTRIBUTES)[] {
  const grant = (body as { grant?: unknown } | null)?.grant;
  const invalid =
    !Array.isArray(grant) ||
    grant.some((name) => typeof name !== 'string' || !asked.includes(name) || !isAttribute(name));
  if (invalid) {
    throw new PluginError(
      'identity.invalidConsent',
      400,
      {
        ja: '同意する項目は、求められた項目の名前の一覧で送ってください。',
        en: 'Send the attributes you grant as a list of names among those asked for.',
      },
      [
        {
          pointer: '/grant',
          code: 'identity.invalidConsent',
          message: { ja: `選べる項目: ${asked.join(', ')}`, en: `Attributes asked for: ${asked.join(', ')}` },
        },
      ],
    );
  }
  return [...new Set(grant as (keyof typeof ATTRIBUTES)[])];
}

async function finishConsent(
  ctx: PluginContext,
  provider: Provider,
  { request, response }: NodeExchange,
  details: Details,
  person: Person,
  decision: { grant: string[]; refuse: string[] },
): Promise<void> {
  const clientId = String(details.params.client_id);
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId: person.id, clientId });
  grant.addOIDCScope(['openid', ...decision.grant].join(' '));
  if (decision.refuse.length > 0) grant.rejectOIDCScope(decision.refuse.join(' '));
  const grantId = await grant.save();
  await recordDecision(ctx, person, { clientId, grantId, granted: decision.grant, refused: decision.refuse });
  await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function notAskingConsent() {
  return new PluginError('identity.notAskingConsent', 409, {
    ja: 'この手続きは今、同意を求めていません。',
    en: 'This sign-in is not asking for consent now.',
  });
}
