import { fileURLToPath } from 'node:url';
import { type Actor, definePlugin, type PluginDefinition } from '@kiban/sdk';
import { contactCenterActions } from './actions.ts';
import { type Clock, systemClock } from './clock.ts';
import { residentChatTimeline } from './console/resident-timeline.ts';
import { realtimeChannels } from './conversations/live.ts';
import { supervisionJob } from './kpis/supervision.ts';
import { PUBLIC_RATE_LIMIT, publicRoutes } from './public-routes.ts';
import { ROLE, STAFF_ROLES } from './roles.ts';
import { contactCenterRoutes } from './routes.ts';
import { contactCenterStorage } from './storage.ts';
import { settingsSchema } from './translation/settings.ts';

export interface ContactCenterOptions {
  /** The time SLAs, KPIs and rate windows are decided by; the system clock when absent. */
  clock?: Clock;
}

/** The principal tier 1 asks as for anonymous visitors: a resident without roles sees public knowledge only. */
const ANONYMOUS_USERNAME = 'contact-center-anonymous';

/**
 * Contact centre (functions #17, #18, #19, #41, #43, #44): conversations on channels (chat
 * now), answered by tier 1 (the AI concierge or the knowledge base's FAQ when they run), then
 * an operator, then a department; routing by skill to the longest-idle operator with a free
 * seat; the operator console and live KPIs for supervisors.
 */
export function createContactCenterPlugin(options: ContactCenterOptions = {}): PluginDefinition {
  const clock = options.clock ?? systemClock;
  let anonymous: Actor | undefined;
  const anonymousAsker = (): Actor => {
    if (!anonymous) throw new Error('the contact centre has not started');
    return anonymous;
  };
  return definePlugin({
    name: 'contact-center',
    version: '0.1.0',
    requires: { engine: '>=0.1.0' },
    metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
    storage: contactCenterStorage,
    settings: { schema: settingsSchema },
    actions: contactCenterActions(clock),
    jobs: [supervisionJob(clock)],
    realtime: { channels: realtimeChannels },
    routes: contactCenterRoutes(clock),
    publicRoutes: { rateLimit: PUBLIC_RATE_LIMIT, routes: publicRoutes(clock, anonymousAsker) },
    timelines: [residentChatTimeline],
    ui: {
      dir: fileURLToPath(new URL('../ui', import.meta.url)),
      entry: 'index.js',
      components: ['contact-center-chat'],
      // A resident starts a chat from any portal page: the launcher unfolds the chat over it.
      portalWidgets: [
        {
          name: 'chat-launcher',
          label: { ja: 'チャットでお問い合わせ', en: 'Chat with us' },
          tag: 'contact-center-launcher',
          portals: ['resident'],
        },
      ],
      staffPages: [
        {
          name: 'console',
          label: { ja: 'チャット対応', en: 'Chat console' },
          tag: 'contact-center-console',
          menuOrder: 30,
        },
        {
          name: 'supervisor',
          label: { ja: '窓口の KPI', en: 'Contact centre KPIs' },
          tag: 'contact-center-supervisor',
          menuOrder: 31,
        },
      ],
      // Under resident profiles (the CRM's entity): the resident 360 shows it when the CRM runs.
      recordPanels: [
        {
          name: 'resident-chats',
          label: { ja: 'チャットの履歴', en: 'Chats' },
          tag: 'contact-center-resident-panel',
          entities: ['ResidentProfile'],
        },
      ],
    },
    async start(ctx) {
      const { id } = await ctx.identity.ensurePrincipal({
        kind: 'resident',
        username: ANONYMOUS_USERNAME,
        displayName: '匿名の問い合わせ',
      });
      anonymous = { kind: 'principal', id, principalKind: 'resident', roles: [] };
    },
  });
}

export { ROLE, STAFF_ROLES };
export default createContactCenterPlugin();
