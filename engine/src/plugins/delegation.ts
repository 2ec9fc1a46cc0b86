import type { DelegationRequest } from '@kiban/sdk';
import type { PluginRuntime } from './context.ts';

/**
 * Asks the loaded plugins whether a principal may act for another on the record API (see the
 * SDK's `DelegationContribution`): the first plugin that allows it is named, none is null. A
 * plugin that throws allows nothing and its failure is logged, so a broken plugin denies.
 */
export type DelegationResolver = (request: DelegationRequest) => Promise<string | null>;

export function pluginDelegation(runtimes: readonly PluginRuntime[]): DelegationResolver {
  const deciders = runtimes.filter((runtime) => runtime.definition.delegation !== undefined);
  return async (request) => {
    for (const runtime of deciders) {
      try {
        const allows = await runtime.definition.delegation?.allows(structuredClone(request), runtime.context);
        if (allows === true) return runtime.definition.name;
      } catch (error) {
        runtime.logger.error('delegation failed', { error });
      }
    }
    return null;
  };
}
