export {
  createTestHost,
  type LogEntry,
  type RealtimeTestClient,
  type TestHost,
  type TestHostClient,
  type TestHostOptions,
  type TestRequestOptions,
  type TestResponse,
} from './test-host.ts';
