export { createRealtimeHub, type RealtimeChannel, type RealtimeHub, type RealtimeHubOptions } from './hub.ts';
export type { NewRealtimeMessage, RealtimeMessage } from './messages.ts';
export { CLIENT_EVENTS, PROBLEMS, REALTIME_PATH, SERVER_EVENTS } from './protocol.ts';
export { REALTIME_SCHEMA_SQL } from './realtime-tables.ts';
export {
  createRecordNotices,
  RECORDS_CHANGED,
  RECORDS_CHANNEL,
  type RecordNotices,
  recordsChannel,
} from './record-notices.ts';
