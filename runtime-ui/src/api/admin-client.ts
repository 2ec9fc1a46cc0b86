import { type ApiOptions, requestJson } from './client.ts';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

/** A background job as `GET /api/admin/jobs` lists it (never its payload). */
export interface JobView {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
}

export function fetchJobs(
  status: JobStatus,
  options: ApiOptions,
): Promise<{ counts: Record<JobStatus, number>; items: JobView[] }> {
  return requestJson(`/api/admin/jobs?status=${status}`, options);
}

export function retryJob(id: string, options: ApiOptions): Promise<JobView> {
  return requestJson<JobView>(`/api/admin/jobs/${encodeURIComponent(id)}/retry`, options, { method: 'POST' });
}
