export {
  RealtimeClient,
  type RealtimeClientOptions,
  type RealtimeMessage,
  type RealtimeProblem,
} from './realtime-client.ts';
