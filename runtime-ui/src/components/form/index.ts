export type { LookupFunction, LookupOption } from './field-view.ts';
export { KibanForm, type KibanSubmitDetail } from './kiban-form.ts';
