// Forms and views.
import type { I18nText, MetadataBase } from './common.ts';
import type { Condition, Filter } from './filters.ts';

export interface PrefillSource {
  /** Where the value comes from; `profile` is the signed-in resident's profile. */
  source: 'profile';
  /** Dotted path inside the source, e.g. `address.postalCode`. */
  path: string;
  /** Only prefill when the resident has consented to reuse of their profile data. */
  requiresConsent?: boolean;
}

export interface FormField {
  field: string;
  widget?: string;
  help?: I18nText;
  placeholder?: I18nText;
  readOnly?: boolean;
  visibleWhen?: Condition;
  prefill?: PrefillSource;
}

export interface FormSection {
  name: string;
  label: I18nText;
  help?: I18nText;
  /** Name of the step this section belongs to, when the form has steps. */
  step?: string;
  visibleWhen?: Condition;
  fields: FormField[];
}

/** How sure the engine must be of who signed in, lowest first (`jpki`: the My Number Card). */
export type FormAssurance = 'low' | 'substantial' | 'jpki';

export interface FormMetadata extends MetadataBase {
  kind: 'form';
  entity: string;
  /**
   * Step-up: the least sign-in assurance a submission needs. A resident's create of the
   * entity's records through the API is held to it as well, the form being only the way there.
   */
  assurance?: FormAssurance;
  steps?: { name: string; label: I18nText }[];
  sections: FormSection[];
}

export interface ViewColumn {
  field: string;
  label?: I18nText;
}

export interface ViewMetadata extends MetadataBase {
  kind: 'view';
  entity: string;
  columns: ViewColumn[];
  /** Fields offered as filter controls. */
  filterable?: string[];
  filter?: Filter;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  pageSize?: number;
}
