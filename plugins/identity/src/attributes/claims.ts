import type { PluginContext } from '@kiban/sdk';
import type { IdentitySettings } from '../settings.ts';
import { attributeSealingKey, readPulled } from './attribute-store.ts';

/**
 * The OpenID claims of pulled attributes (`birthdate`, `household`), for the scopes a service
 * was granted; read only when one of them is asked, so other releases cost no extra statement.
 */
export async function pulledClaims(
  ctx: PluginContext,
  principalId: string,
  scopes: Iterable<string>,
): Promise<Record<string, unknown>> {
  const wanted = [...scopes].filter((scope) => scope === 'birthdate' || scope === 'household');
  if (wanted.length === 0) return {};
  const { secret } = await ctx.settings<IdentitySettings>();
  if (!secret) return {};
  const pulled = await readPulled(
    ctx.sql,
    attributeSealingKey(secret),
    principalId,
    wanted as ('birthdate' | 'household')[],
  );
  return Object.fromEntries(pulled.map((attribute) => [attribute.field, attribute.value]));
}
