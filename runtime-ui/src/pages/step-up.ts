import { html, nothing } from 'lit';
import type { ApiProblemError } from '../api/index.ts';
import { translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import type { AssuranceLevel } from '../portal/portal-types.ts';

const LEVELS: readonly AssuranceLevel[] = ['low', 'substantial', 'jpki'];

/** The level a form needs that the session lacks; undefined when the session suffices or is unknown. */
export function missingAssurance(
  required: AssuranceLevel | undefined,
  held: AssuranceLevel | undefined,
): AssuranceLevel | undefined {
  if (!required || !held) return undefined;
  return LEVELS.indexOf(held) < LEVELS.indexOf(required) ? required : undefined;
}

/** The level a refusal names (`auth.assuranceRequired`, its detail `assurance.<level>`); undefined for other problems. */
export function refusedAssurance(error: ApiProblemError): AssuranceLevel | undefined {
  if (error.problem.code !== 'auth.assuranceRequired') return undefined;
  const named = error.problem.errors?.map((detail) => (detail.code ?? '').replace(/^assurance\./, ''));
  return named?.find((level): level is AssuranceLevel => (LEVELS as readonly string[]).includes(level)) ?? 'jpki';
}

/**
 * Where the resident signs in again at `level` and comes back to this very page: the step-up
 * page a plugin offers (`stepUpPage`), with the level and the way back.
 */
export function stepUpHref(stepUpPage: string, level: AssuranceLevel, location: Location): string {
  const query = new URLSearchParams({ assurance: level, return: `${location.pathname}${location.search}` });
  return `${stepUpPage}?${query}`;
}

/** The notice in front of a form the session is too weak for, with the way to step up when there is one. */
export function renderStepUp(level: AssuranceLevel, language: Language, stepUpPage: string, refused: boolean) {
  const message = translate(language, level === 'jpki' ? 'form.stepUpJpki' : 'form.stepUpStronger');
  const link = stepUpPage
    ? html`<p><a class="step-up" href=${stepUpHref(stepUpPage, level, window.location)}>${translate(language, 'form.stepUpLink')}</a></p>`
    : nothing;
  return html`<div class="step-up-notice">
    <p role=${refused ? 'alert' : 'note'}>${message}</p>
    ${link}
  </div>`;
}
