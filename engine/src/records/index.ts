export { getRecord, type ListQuery, listRecords, type RecordPage } from './read.ts';
export { listRelated } from './related.ts';
export type { RecordScope } from './scope.ts';
export { createRecord, deleteRecord, updateRecord } from './write.ts';
