import { checkCondition, type FieldScope, resolveField } from './filter-checks.ts';
import { displayPath, pointerOf } from './json-pointer.ts';
import { didYouMean, fieldNamed, type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { FormMetadata } from './types.ts';

/** A form edits records of an existing entity: each of its stored fields and line-item collections at most once. */
export function checkForm(form: FormMetadata, context: SemanticContext): void {
  checkStepsAndSections(form, context);
  if (context.unverifiedEntities.has(form.entity)) return;
  const entity = context.entities.get(form.entity);
  if (!entity) {
    const message = unknownEntityMessage(displayPath('/entity'), form.entity, context.entities.keys());
    context.report(form, '/entity', 'semantic.unknownEntity', message);
    return;
  }
  const scope: FieldScope = { item: form, entity, context, systemProperties: false, userPlaceholder: false };
  const placedAt = new Map<string, string>();
  for (const [i, section] of form.sections.entries()) {
    if (section.visibleWhen) checkCondition(section.visibleWhen, pointerOf('sections', i, 'visibleWhen'), scope);
    for (const [j, formField] of section.fields.entries()) {
      const at = pointerOf('sections', i, 'fields', j);
      // A collection declared as line items is edited on the form as a table of its rows.
      const lineItems = fieldNamed(entity, formField.field)?.lineItems !== undefined;
      const placed = lineItems || resolveField(formField.field, `${at}/field`, scope) !== undefined;
      const earlier = placedAt.get(formField.field);
      if (placed && earlier !== undefined) {
        context.report(form, `${at}/field`, 'semantic.duplicateFormField', {
          ja: `フィールド「${formField.field}」はこのフォームの ${displayPath(earlier)} にもう置かれています。`,
          en: `The field "${formField.field}" is already placed on this form at ${displayPath(earlier)}.`,
        });
      } else if (placed) {
        placedAt.set(formField.field, at);
      }
      if (formField.visibleWhen) checkCondition(formField.visibleWhen, `${at}/visibleWhen`, scope);
    }
  }
}

/**
 * Step and section names identify parts of the form in navigation and URLs, so they are
 * unique; with steps, every section belongs to one of them.
 */
function checkStepsAndSections(form: FormMetadata, context: SemanticContext): void {
  const stepNames = new Set<string>();
  for (const [i, step] of (form.steps ?? []).entries()) {
    if (stepNames.has(step.name)) reportDuplicate(form, pointerOf('steps', i, 'name'), STEP, step.name, context);
    stepNames.add(step.name);
  }
  const sectionNames = new Set<string>();
  for (const [i, section] of form.sections.entries()) {
    if (sectionNames.has(section.name)) {
      reportDuplicate(form, pointerOf('sections', i, 'name'), SECTION, section.name, context);
    }
    sectionNames.add(section.name);
    if (section.step !== undefined && !stepNames.has(section.step)) {
      const hint = didYouMean(section.step, stepNames);
      context.report(form, pointerOf('sections', i, 'step'), 'semantic.unknownStep', {
        ja: `ステップ「${section.step}」はこのフォームの steps にありません。${hint.ja}`,
        en: `The step "${section.step}" is not one of this form's steps.${hint.en}`,
      });
    } else if (section.step === undefined && stepNames.size > 0) {
      context.report(form, pointerOf('sections', i), 'semantic.missingStep', {
        ja: `このフォームにはステップがあるので、sections[${i}] にも step を指定してください。`,
        en: `This form has steps, so sections[${i}] needs a step too.`,
      });
    }
  }
}

const STEP = { ja: 'ステップ', en: 'step' };
const SECTION = { ja: 'セクション', en: 'section' };

function reportDuplicate(
  form: FormMetadata,
  pointer: string,
  what: { ja: string; en: string },
  name: string,
  context: SemanticContext,
): void {
  context.report(form, pointer, 'semantic.duplicateName', {
    ja: `${what.ja}名「${name}」がこのフォームの中で重複しています。`,
    en: `The ${what.en} name "${name}" is used more than once in this form.`,
  });
}
