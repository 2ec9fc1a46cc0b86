export { KibanDetail } from './kiban-detail.ts';
export type { HistoryEntry, KibanTransitionDetail, WorkflowView } from './workflow-types.ts';
