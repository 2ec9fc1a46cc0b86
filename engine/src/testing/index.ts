export { openTestDatabase, preparePgliteTemplate, type TestDatabaseKind, testDatabaseKinds } from './databases.ts';
