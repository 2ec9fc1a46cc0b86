export {
  fetchJobs,
  fetchSettings,
  type JobStatus,
  type JobView,
  type PluginSettingsView,
  retryJob,
  saveSettings,
} from './admin-client.ts';
export {
  type ApiOptions,
  ApiProblemError,
  createRecord,
  fetchRecordPage,
  requestJson,
  type StoredFile,
  uploadFile,
} from './client.ts';
export { type FormBundle, type FormBundleLoader, loadForm, portalFormLoader } from './form-loader.ts';
export { type ListState, listQuery } from './list-query.ts';
export * from './portal-client.ts';
