import type { DelegationRequest } from '@kiban/sdk';
import { createMiddleware } from 'hono/factory';
import { findEnabledPrincipal, type Principal } from '../../access/index.ts';
import { actorOf, type DelegationResolver } from '../../plugins/index.ts';
import type { ApiEnv } from '../env.ts';
import { httpError } from '../problem.ts';

export const ON_BEHALF_OF_HEADER = 'kiban-on-behalf-of';

const ACTIONS = { GET: 'read', HEAD: 'read', POST: 'create', PATCH: 'update', DELETE: 'delete' } as const;

/**
 * `Kiban-On-Behalf-Of: <principal id>` on the record API: the request runs under that
 * principal's policies when a plugin's `delegation` allows the signed-in principal to act for
 * them (`c.var.onBehalfOf`). The plugins are asked before the principal is looked up, and every
 * refusal — no plugin allows it, no such principal, a disabled one, oneself, a malformed id — is
 * the same 403, so the header cannot be used to learn who exists.
 */
export function onBehalfOf(resolve: DelegationResolver | undefined) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const subjectId = c.req.header(ON_BEHALF_OF_HEADER);
    if (subjectId === undefined) return next();
    const actor = c.var.principal as Principal;
    const entity = decodeURIComponent(new URL(c.req.url).pathname.split('/')[3] ?? '');
    const action = ACTIONS[c.req.method as keyof typeof ACTIONS];
    const plugin =
      resolve && action && actor.kind !== 'system' && subjectId !== actor.id
        ? await resolve({
            actor: actorOf(actor) as DelegationRequest['actor'],
            subject: subjectId,
            entity,
            action,
          })
        : null;
    const subject = plugin === null ? null : await findEnabledPrincipal(c.var.live.sql(), subjectId);
    if (plugin === null || subject === null || subject.kind === 'system') throw delegationDenied();
    c.set('onBehalfOf', { subject, plugin });
    await next();
  });
}

function delegationDenied() {
  return httpError(403, 'access.delegationDenied', {
    ja: 'この人の代わりに手続きすることは許可されていません。',
    en: 'You are not allowed to act for this person.',
  });
}
