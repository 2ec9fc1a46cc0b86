import type { TemplateResult } from 'lit';
import type { CalendarPreference } from '../../i18n/index.ts';
import type { FieldDefinition, FormField, Language, RecordData } from '../../metadata/index.ts';

/** A choice of a reference field: the referenced record's id and what to call it. */
export interface LookupOption {
  value: string;
  label: string;
  /** The referenced record as read, so that computed fields can use its values (`item.fee`) live. */
  record?: RecordData;
}

/** Supplies the choices of a reference field (the form does not fetch on its own). */
export type LookupFunction = (field: FieldDefinition) => Promise<LookupOption[]>;

export type LookupState = LookupOption[] | 'loading' | 'failed';

/** Everything needed to draw one field of the form, worked out by `<kiban-form>`. */
export interface FieldView {
  field: FieldDefinition;
  placement: FormField;
  /** The id of the input (or of the first radio); ids of help and error text derive from it. */
  id: string;
  label: TemplateResult;
  labelText: string;
  help?: TemplateResult;
  placeholder?: string;
  /** What the input shows. */
  text: string;
  value: unknown;
  required: boolean;
  readOnly: boolean;
  errorMessage: string;
  /** The choices of a reference field; absent when the form was given no lookup. */
  lookup?: LookupState;
  language: Language;
  calendar: CalendarPreference;
  onText(text: string): void;
  onValue(value: unknown): void;
}

export const helpId = (view: FieldView) => `${view.id}-help`;
export const errorId = (view: FieldView) => `${view.id}-error`;

/** The ids that describe the input: its help, then its error when there is one. */
export function describedBy(view: FieldView): string {
  return [view.help ? helpId(view) : '', view.errorMessage ? errorId(view) : ''].filter(Boolean).join(' ');
}
