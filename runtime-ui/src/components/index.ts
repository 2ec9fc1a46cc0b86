export { defineKibanElements } from './define.ts';
export {
  type HistoryEntry,
  KibanDetail,
  type KibanTransitionDetail,
  type WorkflowView,
} from './detail/index.ts';
export { KibanForm, type KibanSubmitDetail, type LookupFunction, type LookupOption } from './form/index.ts';
export { KibanList, type TitleLookup } from './list/index.ts';
export { baseStyles } from './shared/index.ts';
