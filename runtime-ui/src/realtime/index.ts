export { type PortalRealtime, portalRealtime } from './portal-realtime.ts';
export {
  RealtimeClient,
  type RealtimeClientOptions,
  type RealtimeMessage,
  type RealtimeProblem,
  type SubscriptionHooks,
} from './realtime-client.ts';
