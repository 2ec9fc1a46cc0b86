import type { FormField, FormMetadata, FormSection, I18nText } from '@kiban/runtime-ui';
import { freshName, insertAt, moveItem, removeAt, replaceAt, withProperty } from '../shared/immutable.ts';

/**
 * The edits the form builder makes, as pure functions from one form to the next: the
 * element only decides which to call, and each is tested without a browser event.
 */

/** Where a placed field is: its section and its position there. */
export interface PlacementAt {
  section: number;
  index: number;
}

/** Names of the entity fields the form already shows; each field is placed once. */
export function placedFieldNames(form: FormMetadata): Set<string> {
  return new Set(form.sections.flatMap((section) => section.fields.map((placement) => placement.field)));
}

function withSection(form: FormMetadata, index: number, change: (section: FormSection) => FormSection): FormMetadata {
  return { ...form, sections: replaceAt(form.sections, index, change(form.sections[index])) };
}

/** Places `field` in a section, at `position` or at its end; a field already placed elsewhere is left alone. */
export function addPlacement(form: FormMetadata, section: number, field: string, position?: number): FormMetadata {
  if (placedFieldNames(form).has(field) || !form.sections[section]) return form;
  return withSection(form, section, (target) => ({
    ...target,
    fields: insertAt(target.fields, position ?? target.fields.length, { field }),
  }));
}

/** Moves a placed field, within its section or into another one, before the field now at `to.index`. */
export function movePlacement(form: FormMetadata, from: PlacementAt, to: PlacementAt): FormMetadata {
  const placement = form.sections[from.section]?.fields[from.index];
  if (!placement || !form.sections[to.section]) return form;
  if (from.section === to.section) {
    // Dropping before a later field means landing just above it, once this one is taken out.
    const index = to.index > from.index ? to.index - 1 : to.index;
    return withSection(form, from.section, (section) => ({
      ...section,
      fields: moveItem(section.fields, from.index, index),
    }));
  }
  const taken = withSection(form, from.section, (section) => ({
    ...section,
    fields: removeAt(section.fields, from.index),
  }));
  return withSection(taken, to.section, (section) => ({
    ...section,
    fields: insertAt(section.fields, to.index, placement),
  }));
}

/** Moves a placed field to position `to` of its own section (the move buttons). */
export function reorderPlacement(form: FormMetadata, section: number, from: number, to: number): FormMetadata {
  return withSection(form, section, (target) => ({ ...target, fields: moveItem(target.fields, from, to) }));
}

export function removePlacement(form: FormMetadata, at: PlacementAt): FormMetadata {
  return withSection(form, at.section, (section) => ({ ...section, fields: removeAt(section.fields, at.index) }));
}

export function replacePlacement(form: FormMetadata, at: PlacementAt, placement: FormField): FormMetadata {
  return withSection(form, at.section, (section) => ({
    ...section,
    fields: replaceAt(section.fields, at.index, placement),
  }));
}

export function replaceSection(form: FormMetadata, index: number, section: FormSection): FormMetadata {
  return withSection(form, index, () => section);
}

/** A new empty section at the end, on the last step when the form has steps. */
export function addSection(form: FormMetadata, label: string): FormMetadata {
  const name = freshName(
    'section',
    form.sections.map((section) => section.name),
    '-',
  );
  const step = form.steps?.at(-1)?.name;
  const section: FormSection = { name, label: { ja: label }, fields: [], ...(step ? { step } : {}) };
  return { ...form, sections: [...form.sections, section] };
}

/** Removing a section returns its fields to the palette. */
export function removeSection(form: FormMetadata, index: number): FormMetadata {
  return { ...form, sections: removeAt(form.sections, index) };
}

export function moveSection(form: FormMetadata, index: number, to: number): FormMetadata {
  return { ...form, sections: moveItem(form.sections, index, to) };
}

/** A new step at the end; the first step a form gets also takes every section it has. */
export function addStep(form: FormMetadata, label: string): FormMetadata {
  const steps = form.steps ?? [];
  const name = freshName(
    'step',
    steps.map((step) => step.name),
    '-',
  );
  const next = { ...form, steps: [...steps, { name, label: { ja: label } }] };
  if (steps.length > 0) return next;
  return { ...next, sections: form.sections.map((section) => ({ ...section, step: name })) };
}

/** Renaming a step moves its sections' references along; relabelling keeps the name. */
export function replaceStep(form: FormMetadata, index: number, step: { name: string; label: I18nText }): FormMetadata {
  const steps = form.steps ?? [];
  const previous = steps[index]?.name;
  return {
    ...form,
    steps: replaceAt(steps, index, step),
    sections: form.sections.map((section) =>
      section.step === previous && previous !== step.name ? { ...section, step: step.name } : section,
    ),
  };
}

/**
 * Sections of a removed step fall back to the first step (where the renderer shows sections
 * without a step); removing the last step makes the form a single page again.
 */
export function removeStep(form: FormMetadata, index: number): FormMetadata {
  const steps = form.steps ?? [];
  const removed = steps[index]?.name;
  const remaining = removeAt(steps, index);
  const sections = form.sections.map((section) =>
    section.step === removed || remaining.length === 0 ? withProperty(section, 'step', undefined) : section,
  );
  return withProperty({ ...form, sections }, 'steps', remaining.length > 0 ? remaining : undefined);
}
