import type { FormField, FormMetadata, FormSection, I18nText, RecordData } from '../../metadata/index.ts';
import { conditionHolds } from './visibility.ts';

/** What one screen of the form shows: a step's sections, or every section of a form without steps. */
export interface FormPage {
  label?: I18nText;
  sections: FormSection[];
}

/** Sections that name no step appear on the first step, so nothing the author wrote is lost. */
export function formPages(form: FormMetadata): FormPage[] {
  if (!form.steps) return [{ sections: form.sections }];
  return form.steps.map((step, index) => ({
    label: step.label,
    sections: form.sections.filter((section) => section.step === step.name || (index === 0 && !section.step)),
  }));
}

export function visibleSections(page: FormPage, values: RecordData): FormSection[] {
  return page.sections.filter((section) => !section.visibleWhen || conditionHolds(section.visibleWhen, values));
}

export function visibleFields(section: FormSection, values: RecordData): FormField[] {
  return section.fields.filter((field) => !field.visibleWhen || conditionHolds(field.visibleWhen, values));
}

/** Names of the fields a resident can currently see on `pages`. */
export function visibleFieldNames(pages: FormPage[], values: RecordData): Set<string> {
  const names = new Set<string>();
  for (const page of pages) {
    for (const section of visibleSections(page, values)) {
      for (const field of visibleFields(section, values)) names.add(field.field);
    }
  }
  return names;
}
