export { countJobs, type JobStatus, type JobView, listJobs, retryDeadJob } from './admin.ts';
export {
  type ClaimedJob,
  claimDueJobs,
  DEFAULT_JOB_BACKOFF,
  enqueueJob,
  failJob,
  finishJobs,
  type JobBackoff,
  type NewJob,
} from './queue.ts';
export { purgeBookkeeping, RETENTION_JOB, retentionJob } from './retention.ts';
export { type JobHandler, type JobRunSummary, type RunJobsOptions, runDueJobs } from './run.ts';
export { type JobRunner, startJobRunner } from './runner.ts';
export { ensureSchedules, nextRunOf, scheduleOf } from './schedule.ts';
export { type EngineJobs, type JobServiceOptions, startJobService } from './service.ts';
export { ensureJobTables } from './tables.ts';
