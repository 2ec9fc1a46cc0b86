import { RealtimeClient, type RealtimeMessage, type SubscriptionHooks } from './realtime-client.ts';

/**
 * What plugin elements receive as `realtime` (the SDK's `PortalRealtime`): the portal's one
 * connection to `/realtime`, opened on the first subscription, so a page whose elements never
 * listen opens none. Rooms are joined with the signed-in session; a room the principal may not
 * see is refused by the server as for any client.
 */
export interface PortalRealtime {
  subscribe(
    channel: string,
    room: string,
    listener: (message: RealtimeMessage) => void,
    hooks?: SubscriptionHooks,
  ): () => void;
  readonly connected: boolean;
}

let shared: RealtimeClient | undefined;

export const portalRealtime: PortalRealtime = {
  subscribe(channel, room, listener, hooks) {
    shared ??= new RealtimeClient();
    return shared.subscribe(channel, room, listener, hooks);
  },
  get connected() {
    return shared?.connected ?? false;
  },
};
