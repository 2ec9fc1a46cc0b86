import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { IdentitySettings } from '../settings.ts';
import { requireConfigured } from '../settings.ts';
import type { AttributeSourceSettings } from './attribute-settings.ts';
import { attributeSealingKey, storePulled } from './attribute-store.ts';
import { PULLABLE_FIELDS, type PullableField } from './fields.ts';
import { residentKey } from './resident-key.ts';
import { configuredSources, type SourceId, sourceNotConfigured } from './sources.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validators = Object.fromEntries(
  Object.entries(PULLABLE_FIELDS).map(([field, { schema }]) => [field, ajv.compile(schema)]),
) as Record<PullableField, ValidateFunction>;

export interface PullRequest {
  source: SourceId;
  fields: PullableField[];
}

/**
 * A resident pulls fields from a source into their profile, having consented to exactly these
 * fields from exactly this source (the action's input is the consent). All or nothing: a source
 * that is down, does not know the resident, lacks a field or answers a value that does not fit
 * the field's schema changes nothing. A pull is audited with the source and field names only.
 */
export async function pullAttributes(
  ctx: PluginContext,
  person: Actor & { kind: 'principal' },
  request: PullRequest,
): Promise<{ source: SourceId; pulled: PullableField[] }> {
  const settings = await ctx.settings<IdentitySettings & AttributeSourceSettings>();
  const { secret } = requireConfigured(settings);
  const source = configuredSources(settings).get(request.source);
  if (!source) throw sourceNotConfigured(request.source);
  const key = await residentKey(ctx, person.id, settings.upstreams);
  if (!key.pseudonym && !key.publicAuthentication) {
    throw new PluginError('identity.attributes.notVerified', 409, {
      ja: '公的個人認証（デジタル認証アプリ）でサインイン方法を連携すると、情報を取得できます。',
      en: 'Link a sign-in with public authentication (the Digital Authentication App) to pull your information.',
    });
  }
  const answered = await source.fetch(key, request.fields);
  if (!answered) {
    throw new PluginError('identity.attributes.residentUnknown', 404, {
      ja: '取得元にあなたの情報が見つかりませんでした。何も変更していません。',
      en: 'The source holds no information about you. Nothing was changed.',
    });
  }
  const problems = request.fields.flatMap((field) => {
    if (!Object.hasOwn(answered, field))
      return [detail(field, 'identity.attributes.notHeld', 'not held by the source')];
    return validators[field](answered[field]) ? [] : [detail(field, 'identity.attributes.sourceInvalid', 'malformed')];
  });
  if (problems.length > 0) {
    throw new PluginError(
      'identity.attributes.sourceInvalid',
      502,
      {
        ja: '取得元の回答に使えない項目がありました。何も変更していません。',
        en: 'The source’s answer could not be used. Nothing was changed.',
      },
      problems,
    );
  }
  const values = Object.fromEntries(request.fields.map((field) => [field, answered[field]]));
  await ctx.transaction(person, async () => {
    await storePulled(ctx.sql, attributeSealingKey(secret), person.id, request.source, values);
    await ctx.audit({
      actor: person,
      action: 'identity.attributes.pulled',
      details: { source: request.source, fields: request.fields },
    });
  });
  return { source: request.source, pulled: request.fields };
}

function detail(field: string, code: string, why: string) {
  return { pointer: `/fields/${field}`, code, message: { ja: `${field}: ${why}`, en: `${field}: ${why}` } };
}
