import type { Actor } from './common.ts';
import type { PluginContext } from './context.ts';

/**
 * Lets one principal act for another on the generated record API: a request to `/api/data/…`
 * carrying `Kiban-On-Behalf-Of: <principal id>` runs under the other principal's policies (a
 * record created is theirs, a list shows their records) only when some loaded plugin's
 * `delegation.allows` answers true for it. Deny unless allowed: no plugin, a plugin that
 * answers false or throws, a disabled or unknown principal — each is the same 403, so the
 * answer never tells whether the other principal exists. Every write and read done so is
 * audited with the acting principal as the actor and `detail.onBehalfOf` (the other principal)
 * and `detail.delegation` (the plugin that allowed it).
 */
export interface DelegationContribution {
  /**
   * Asked once per request, before the record API reads its input. Decide from the plugin's own
   * records (a consented link), and answer false for anything not explicitly granted.
   */
  allows(request: DelegationRequest, ctx: PluginContext): Promise<boolean>;
}

export interface DelegationRequest {
  /** Who sends the request (a signed-in principal). */
  actor: Actor & { kind: 'principal' };
  /** The principal id the request asks to act for. */
  subject: string;
  entity: string;
  action: 'read' | 'create' | 'update' | 'delete';
}
