/**
 * `/ui/realtime.js`: the portals' realtime connection for a plugin element placed outside the
 * portals — a city web page where an anonymous visitor chats — which then has no `realtime`
 * property. The same module instance as the portals' when both load, so a page has one socket.
 */
export { portalRealtime } from './portal-realtime.ts';
