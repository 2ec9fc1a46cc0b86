export { CADENCE_SCHEMA, type Cadence, nextOccurrence, periodOf } from './cadence.ts';
export { reportDeliveryHandler } from './deliver.ts';
export { createReportSchedule, pauseReportSchedule, removeReportSchedule } from './manage.ts';
export { REPORT_DELIVERY_JOB } from './plan.ts';
export { type Colleague, findColleagues } from './recipients.ts';
export {
  findSchedule,
  listDeliveries,
  listSchedules,
  type NewReportSchedule,
  type ReportDelivery,
  type ReportSchedule,
} from './store.ts';
export { ensureReportScheduleTables } from './tables.ts';
