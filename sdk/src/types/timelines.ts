import type { LocalizedText } from './common.ts';
import type { ActionContext } from './context.ts';

/**
 * Entries a plugin adds to the timeline of a record of one of `entities`, beside the panel it
 * may add there (`ui.recordPanels`): the CRM's resident 360 shows one timeline of every plugin's
 * entries about a `ResidentProfile`. `read` runs as the member of staff who opens the record
 * (`ctx.actor`): read with their data API so that their row and field policies decide, audit
 * the read as the panel's own route does, and refuse a reader without the plugin's staff role
 * with a 403 `PluginError` — the timeline then names the source as refused and shows none of it.
 */
export interface RecordTimelineContribution {
  /** kebab-case, unique within the plugin. */
  name: string;
  label: LocalizedText;
  entities: string[];
  read(request: RecordTimelineRequest, ctx: ActionContext): Promise<RecordTimelineItem[]>;
}

export interface RecordTimelineRequest {
  entity: string;
  /** The record, when the caller has it at hand. */
  recordId?: string;
  /**
   * On a `ResidentProfile`: the resident's principal id, the key reservations, notices and
   * chats are kept by (record panels receive it as `resident` in the 360).
   */
  resident?: string;
  /** Answer at most this many, the newest. */
  limit: number;
  language: 'ja' | 'en';
}

export interface RecordTimelineItem {
  /** Unique within the contribution. */
  id: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** What it is, e.g. `reservation`, `notice`, `chat`. */
  kind: string;
  /** One line in the requested language; no more personal data than the panel shows. */
  title: string;
  /** Its state in a word or two, in the requested language (予約済み), not a code. */
  state?: string | null;
}

/** Every loaded plugin's entries about one record, as `PluginsApi.timeline` answers them. */
export interface RecordTimeline {
  /** Newest first, at most the limit asked for. */
  entries: Array<RecordTimelineItem & { plugin: string; source: string }>;
  /** Each contribution asked: `read`, `forbidden` (it refused the reader) or `failed` (logged by the engine). */
  sources: Array<{
    plugin: string;
    name: string;
    label: LocalizedText;
    status: 'read' | 'forbidden' | 'failed';
    entries: number;
  }>;
}
