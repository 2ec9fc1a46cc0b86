export type { LogEntry } from '../plugins/index.ts';
export {
  createServerDatabase,
  openTestDatabase,
  preparePgliteTemplate,
  type TestDatabaseKind,
  testDatabaseKinds,
} from './databases.ts';
export { startTestEngine, TEST_ADMIN_PASSWORD, type TestClient, type TestEngine, type TestResponse } from './engine.ts';
export { connectRealtime, type RealtimeCredentials, type RealtimeTestClient } from './realtime-client.ts';
