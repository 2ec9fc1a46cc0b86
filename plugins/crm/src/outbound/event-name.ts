import type { PluginEvent, RecordEventPayload } from '@kiban/sdk';

const RECORD_EVENT = /^record\.(created|updated|deleted)$/;

/**
 * The name a connected system subscribes to: `<Entity>.<created|updated|deleted>` for record
 * events (`Case.updated`), the event type itself for plugin events (`crm.application.statusChanged`).
 */
export function outboundName(event: PluginEvent): string {
  const match = RECORD_EVENT.exec(event.type);
  if (match && event.entity) return `${event.entity}.${match[1]}`;
  return event.type;
}

/** Whether `name` is listed: exactly, or by a pattern ending in `*` that it starts with. */
export function subscribed(patterns: unknown, name: string): boolean {
  if (!Array.isArray(patterns)) return false;
  return patterns.some(
    (pattern) =>
      typeof pattern === 'string' &&
      (pattern === name || (pattern.endsWith('*') && name.startsWith(pattern.slice(0, -1)))),
  );
}

export function isRecordEvent(event: PluginEvent): event is PluginEvent<RecordEventPayload> {
  return RECORD_EVENT.test(event.type) && typeof event.entity === 'string';
}
