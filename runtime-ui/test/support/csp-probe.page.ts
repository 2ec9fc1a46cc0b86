import type { KibanForm } from '../../src/components/index.ts';
import { everyType, everyTypeForm, publishedCreateSchema } from './fixtures.ts';
import { mount, settle, shadow, typeInto } from './mount.ts';

/**
 * Runs inside `csp-page.html`, under the portal's Content-Security-Policy, and tells the
 * test page (its parent) what happened: whether the policy refuses code generation at all
 * (the control), every refusal the page reported, and the errors `<kiban-form>` showed.
 */
export interface CspProbeResult {
  codeGenerationRefused: boolean;
  violations: string[];
  submitted: boolean;
  errors: Record<string, string>;
  warnings: string[];
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
const warnings: string[] = [];
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  warnings.push(args.map(String).join(' '));
  warn(...args);
};

/** The control: a policy without 'unsafe-eval' makes `Function` throw an EvalError. */
function codeGenerationRefused(): boolean {
  try {
    const generated = Function('return 1');
    return generated() !== 1;
  } catch (error) {
    return error instanceof EvalError;
  }
}

async function probe(): Promise<CspProbeResult> {
  const refused = codeGenerationRefused();
  const form: KibanForm = await mount('kiban-form', {
    entity: everyType,
    form: everyTypeForm,
    recordSchema: publishedCreateSchema(everyType),
    lookup: async () => [],
  });
  typeInto(shadow(form, '#field-email'), 'not-an-email');
  typeInto(shadow(form, '#field-seats'), '11');
  typeInto(shadow(form, '#field-deposit'), '-5');
  typeInto(shadow(form, '#field-birthDate'), '1899-12-31');
  await settle(form);
  let submitted = false;
  form.addEventListener('kiban-submit', () => {
    submitted = true;
  });
  shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
  await settle(form);
  const errors: Record<string, string> = {};
  for (const element of form.shadowRoot?.querySelectorAll('[id$=-error]') ?? []) {
    errors[element.id.replace(/^field-|-error$/g, '')] = element.textContent?.trim() ?? '';
  }
  // Violation events are queued as tasks; let them arrive before reporting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { codeGenerationRefused: refused, violations: [...violations], submitted, errors, warnings };
}

probe().then(
  (result) => parent.postMessage({ kind: 'kiban-csp-probe', result }, location.origin),
  (error: unknown) => parent.postMessage({ kind: 'kiban-csp-probe', error: String(error) }, location.origin),
);
