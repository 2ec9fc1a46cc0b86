export { checkFileWritable, type FileValue, writeFileField } from './attach-file.ts';
export { type CountedGroup, countRecords, countRecordsBy } from './count.ts';
export { createRecords } from './create-many.ts';
export { type Denial, type DeniedRequest, denialAudit, denialOf, markDenial } from './denials.ts';
export { getRecord, type ListQuery, listRecords, type RecordPage } from './read.ts';
export { listRelated } from './related.ts';
export type { ActingPlugin, RecordChange, RecordScope, RecordWrittenListener, StagedWork } from './scope.ts';
export { createRecord, deleteRecord, updateRecord } from './write.ts';
