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

/** A plugin's settings as `GET /api/admin/settings` describes them: secrets only as set or not. */
export interface PluginSettingsView {
  plugin: string;
  schema: { properties?: Record<string, { type?: string; title?: string; writeOnly?: boolean }> };
  values: Record<string, unknown>;
  secrets: Record<string, boolean>;
}

export async function fetchSettings(options: ApiOptions): Promise<PluginSettingsView[]> {
  return (await requestJson<{ items: PluginSettingsView[] }>('/api/admin/settings', options)).items;
}

export function saveSettings(
  plugin: string,
  values: Record<string, unknown>,
  options: ApiOptions,
): Promise<PluginSettingsView> {
  return requestJson<PluginSettingsView>(`/api/admin/settings/${encodeURIComponent(plugin)}`, options, {
    method: 'PUT',
    body: JSON.stringify(values),
  });
}
