import type { AuthorKind } from '../roles.ts';
import type { TranslationView } from '../translation/message-translation.ts';

/** A conversation's channel: chat today; a phone call or a video counter is another one. */
export type Channel = 'chat' | 'phone' | 'video';
export type Tier = 'ai' | 'operator' | 'department';
/** `afterHours`: a person was asked for outside the business calendar's hours; in no queue. */
export type Status = 'bot' | 'queued' | 'assigned' | 'afterHours' | 'closed' | 'abandoned';

export interface ConversationRow {
  id: string;
  channel: Channel;
  status: Status;
  tier: Tier;
  queue: string | null;
  category: string | null;
  language: string;
  resident: string | null;
  anonymous_token_sha256: string | null;
  consented_profile: Record<string, unknown> | null;
  assigned_to: string | null;
  last_seq: number;
  created_at: Date;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  sla_breached_at: Date | null;
  crm_case: string | null;
  wrap_up: string | null;
  wrap_up_note: string | null;
  wrapped_up_by: string | null;
}

export interface MessageRow {
  conversation_id: string;
  seq: number;
  id: string;
  client_id: string;
  author_kind: AuthorKind;
  author_id: string | null;
  author_name: string | null;
  body: string;
  attachment: AttachmentView | null;
  created_at: Date;
  /** The language the body was written in; null only on lines stored before AI, FAQ and system lines declared theirs. */
  language: string | null;
  /** Joined from `message_translation` (see `MESSAGE_COLUMNS`). */
  translations?: TranslationView[] | null;
}

/** A message row with its translations, for `select … from message m`. */
export const MESSAGE_COLUMNS = `m.*, coalesce((select json_agg(json_build_object(
    'language', t.language, 'status', t.status, 'body', t.body, 'adapter', t.adapter, 'model', t.model,
    'failure', t.failure) order by t.language)
  from message_translation t where t.message_id = m.id), '[]'::json) as translations`;

export interface AttachmentView {
  recordId: string;
  name: string;
  contentType: string;
  size: number;
}

export interface MessageView {
  id: string;
  seq: number;
  clientId: string;
  author: { kind: AuthorKind; name: string | null };
  /** The original, as its author wrote it. */
  body: string;
  language: string | null;
  /** For the other side; `notConfigured` and `failed` ones carry no text (the original is delivered as written). */
  translations: TranslationView[];
  attachment: AttachmentView | null;
  at: string;
}

/** Who the resident is talking to now: the AI, an operator (by name) or a department. */
export interface AnsweredBy {
  tier: Tier;
  status: Status;
  name: string | null;
  queue: string | null;
}

export function messageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    seq: row.seq,
    clientId: row.client_id,
    author: { kind: row.author_kind, name: row.author_name },
    body: row.body,
    language: row.language,
    translations: row.translations ?? [],
    attachment: row.attachment,
    at: new Date(row.created_at).toISOString(),
  };
}

export function iso(value: Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
