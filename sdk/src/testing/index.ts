export {
  createTestHost,
  type LogEntry,
  type RealtimeTestClient,
  type TestHost,
  type TestHostClient,
  type TestHostOptions,
  type TestJob,
  type TestRequestOptions,
  type TestResponse,
} from './test-host.ts';
