import { type AssuranceLevel, meetsAssurance, type Principal } from '../access/index.ts';
import { KibanError } from '../errors.ts';
import type { FormMetadata } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

/** The assurance each entity's forms require (semantic checks keep the forms of one entity in agreement). */
function requiredByEntity(live: LiveApp): ReadonlyMap<string, AssuranceLevel> {
  return live.memo('forms:assuranceByEntity', () => {
    const required = new Map<string, AssuranceLevel>();
    for (const item of live.items) {
      const form = item as FormMetadata;
      if (item.kind === 'form' && form.assurance) required.set(form.entity, form.assurance);
    }
    return required;
  });
}

/**
 * Step-up for forms: a resident creating a record of an entity whose form requires an
 * assurance level needs a session at least that strong. The check stands on the API itself,
 * since the form is only the portal's way to it; staff enter records on their own authority.
 */
export function requireFormAssurance(live: LiveApp, principal: Principal, entity: string): void {
  if (principal.kind !== 'resident') return;
  const required = requiredByEntity(live).get(entity);
  if (required && !meetsAssurance(principal.signIn?.assurance, required)) throw assuranceRequired(required);
}

function assuranceRequired(required: AssuranceLevel): KibanError {
  const jaLevel = required === 'jpki' ? 'マイナンバーカードによる公的個人認証' : required;
  return new KibanError(
    'auth.assuranceRequired',
    403,
    {
      ja: `この申請には、より確かな本人確認（${jaLevel}）でのサインインが必要です。`,
      en: `This application needs a sign-in with stronger assurance (${required}).`,
    },
    // The level is machine-readable in the detail's code, for a portal to offer the right sign-in.
    [
      {
        pointer: '',
        code: `assurance.${required}`,
        message: { ja: `必要な保証レベル: ${required}`, en: `Assurance needed: ${required}` },
      },
    ],
  );
}
