import type { LocalizedText } from './common.ts';

/**
 * The plugin's browser code. The engine serves `dir` under `/ui/plugins/<name>/`, and the
 * portals import `entry` once signed in — before drawing a form with one of the plugin's field
 * types or a page with one of its components. The module defines the custom elements; field
 * widgets receive what `runtime-ui`'s `FieldWidgetElement` describes.
 */
export interface PluginUi {
  /** Directory of the built browser files, an absolute path. */
  dir: string;
  /** The ES module inside `dir` that defines the elements, e.g. `index.js`. */
  entry: string;
  /** Tags of page components for page layouts (`{ "type": "component", "tag": … }`). */
  components?: string[];
  /** Pages of the staff portal (an operator console, a ledger view), each one of the plugin's elements. */
  staffPages?: StaffPageContribution[];
  /** Panels on the staff detail view of records (a resident's 360° view shows one per plugin). */
  recordPanels?: RecordPanelContribution[];
  /**
   * Step-up: a page of the plugin's public routes (`pages/sign-in` is
   * `/api/public/<plugin>/pages/sign-in`) where a resident signs in again at a stronger
   * assurance. A portal refused with `auth.assuranceRequired` opens it with
   * `?assurance=<level>&return=<path>`; the page returns there once signed in.
   */
  stepUpPage?: string;
  /** Elements the portals draw once beside every page (a chat launcher, a help button). */
  portalWidgets?: PortalWidgetContribution[];
}

/**
 * A staff portal page drawn by the plugin's element `tag`, at `/staff/plugins/<plugin>/<name>`,
 * with a menu entry. With `capability`, only staff whose roles grant it (and administrators)
 * see the entry and may open the page; the plugin's own routes must check again on the server.
 * The element receives `language`, `calendar`, `principal` and `realtime` properties.
 */
export interface StaffPageContribution {
  /** kebab-case, unique within the plugin: the last segment of the page's path. */
  name: string;
  label: LocalizedText;
  tag: string;
  capability?: string;
  /** Position in the staff menu among the plugin pages (lower first). */
  menuOrder?: number;
}

/**
 * A panel on the staff detail view of each entity in `entities`, under the record: the element
 * `tag` receives `entity`, `recordId`, `language`, `calendar`, `principal` and `realtime`, and reads what
 * it shows through the API (so the record's policies apply). Gated by `capability` like pages.
 */
export interface RecordPanelContribution {
  name: string;
  label: LocalizedText;
  tag: string;
  entities: string[];
  capability?: string;
}

/**
 * An element every page of the named portals carries, signed in: the shell draws it once after
 * the page's main content, in a complementary region named by `label`, and keeps it across
 * page changes (a chat stays open while the resident moves on). It receives `language`,
 * `calendar`, `principal` and `realtime` like a staff page. Gated by `capability` like pages.
 */
export interface PortalWidgetContribution {
  /** kebab-case, unique within the plugin. */
  name: string;
  label: LocalizedText;
  tag: string;
  portals: ('resident' | 'staff')[];
  capability?: string;
}

/** One message of a realtime room, as plugin elements receive it. */
export interface PortalRealtimeMessage {
  id: number;
  channel: string;
  room: string;
  event: string;
  payload: unknown;
  /** When it was sent (ISO 8601). */
  at: string;
}

/**
 * The `realtime` property of plugin elements (staff pages, record panels, page components): the
 * portal's one connection, shared by every element, opened on the first subscription. It
 * rejoins rooms after a reconnect and delivers what was missed meanwhile, once and in order.
 * Rooms of the plugin's own channels (`realtime` in the plugin definition) are joined with the
 * signed-in session and refused as for any client. An element used outside the portals may not
 * get one: poll then.
 */
export interface PortalRealtime {
  /** Listens to one room until the returned function is called (call it when disconnected). */
  subscribe(
    channel: string,
    room: string,
    listener: (message: PortalRealtimeMessage) => void,
    hooks?: PortalRealtimeHooks,
  ): () => void;
  readonly connected: boolean;
}

/** What a subscriber hears about its room besides the messages. */
export interface PortalRealtimeHooks {
  /**
   * The room was joined — first, and again after every reconnect — with what was missed already
   * delivered. The replay reaches back a bounded way (500 messages, and stored messages are
   * pruned), so an element with its own numbering catches up from its own route here.
   */
  onJoined?(): void;
  /** The room was refused (`realtime.forbidden`, an ended session, …): nothing will arrive, poll instead. */
  onRefused?(problem: { code: string; channel?: string; room?: string }): void;
  /**
   * For a visitor without a session: the room's own credential (an anonymous chat's conversation
   * token), sent with every join and checked by the channel's `authorizeGuest`.
   */
  credential?: string;
}
