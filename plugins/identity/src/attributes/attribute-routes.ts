import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { type IdentitySettings, requireConfigured } from '../settings.ts';
import { personOf } from './attribute-actions.ts';
import type { AttributeSourceSettings } from './attribute-settings.ts';
import { attributeSealingKey, readPulled } from './attribute-store.ts';
import { PULLABLE_FIELD_NAMES } from './fields.ts';
import { residentKey } from './resident-key.ts';
import { configuredSources } from './sources.ts';

/**
 * `GET /attributes` (signed in): what the resident can pull (the configured sources, the fields,
 * whether a source can know them) and what they pulled, each field with its source and time.
 */
export function attributeRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/attributes', async (c) => {
    const person = personOf(c.get('actor'));
    const settings = await ctx.settings<IdentitySettings & AttributeSourceSettings>();
    const { secret } = requireConfigured(settings);
    const key = await residentKey(ctx, person.id, settings.upstreams);
    return c.json({
      sources: [...configuredSources(settings).keys()],
      fields: PULLABLE_FIELD_NAMES,
      verified: Boolean(key.pseudonym || key.publicAuthentication),
      pulled: await readPulled(ctx.sql, attributeSealingKey(secret), person.id),
    });
  });
}
