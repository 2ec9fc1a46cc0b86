import { PluginError } from '@kiban/sdk';
import { REFUSALS } from './shared/refusals.ts';
import type { Refusal } from './shared/verify-presentation.ts';

/** A refused presentation as a 422 `citizenCard.refused`, its detail naming the reason (`citizenCard.<reason>`). */
export function refusedError(refusal: Refusal): PluginError {
  return new PluginError('citizenCard.refused', 422, REFUSALS[refusal], [
    { pointer: '/presentation', code: `citizenCard.${refusal}`, message: REFUSALS[refusal] },
  ]);
}
