import { checkCondition, type FieldScope, resolveField } from './filter-checks.ts';
import { displayPath, pointerOf } from './json-pointer.ts';
import { didYouMean, type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { FormMetadata } from './types.ts';

/** A form edits records of an existing entity: each of its stored fields at most once. */
export function checkForm(form: FormMetadata, context: SemanticContext): void {
  const stepNames = checkUniqueNames(form, context);
  form.sections.forEach((section, i) => {
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
  });
  if (context.unverifiedEntities.has(form.entity)) return;
  const entity = context.entities.get(form.entity);
  if (!entity) {
    const message = unknownEntityMessage(displayPath('/entity'), form.entity, context.entities.keys());
    context.report(form, '/entity', 'semantic.unknownEntity', message);
    return;
  }
  const scope: FieldScope = { item: form, entity, context, systemProperties: false, userPlaceholder: false };
  const placedAt = new Map<string, string>();
  form.sections.forEach((section, i) => {
    if (section.visibleWhen) checkCondition(section.visibleWhen, pointerOf('sections', i, 'visibleWhen'), scope);
    section.fields.forEach((formField, j) => {
      const pointer = pointerOf('sections', i, 'fields', j, 'field');
      if (resolveField(formField.field, pointer, scope)) {
        const earlier = placedAt.get(formField.field);
        if (earlier !== undefined) {
          context.report(form, pointer, 'semantic.duplicateFormField', {
            ja: `フィールド「${formField.field}」はこのフォームの ${displayPath(earlier)} にもう置かれています。`,
            en: `The field "${formField.field}" is already placed on this form at ${displayPath(earlier)}.`,
          });
        } else {
          placedAt.set(formField.field, pointerOf('sections', i, 'fields', j));
        }
      }
      if (formField.visibleWhen)
        checkCondition(formField.visibleWhen, pointerOf('sections', i, 'fields', j, 'visibleWhen'), scope);
    });
  });
}

/** Step and section names identify parts of the form in navigation and URLs. */
function checkUniqueNames(form: FormMetadata, context: SemanticContext): Set<string> {
  const stepNames = new Set<string>();
  form.steps?.forEach((step, i) => {
    if (stepNames.has(step.name))
      reportDuplicate(form, pointerOf('steps', i, 'name'), 'ステップ', 'step', step.name, context);
    stepNames.add(step.name);
  });
  const sectionNames = new Set<string>();
  form.sections.forEach((section, i) => {
    if (sectionNames.has(section.name)) {
      reportDuplicate(form, pointerOf('sections', i, 'name'), 'セクション', 'section', section.name, context);
    }
    sectionNames.add(section.name);
  });
  return stepNames;
}

function reportDuplicate(
  form: FormMetadata,
  pointer: string,
  what: string,
  whatEn: string,
  name: string,
  context: SemanticContext,
): void {
  context.report(form, pointer, 'semantic.duplicateName', {
    ja: `${what}名「${name}」がこのフォームの中で重複しています。`,
    en: `The ${whatEn} name "${name}" is used more than once in this form.`,
  });
}
