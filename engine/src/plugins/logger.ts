import type { Logger } from '@kiban/sdk';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One structured log line of a plugin. */
export interface LogEntry {
  at: string;
  level: LogLevel;
  plugin: string;
  message: string;
  fields: Record<string, unknown>;
}

export type LogSink = (entry: LogEntry) => void;

/** JSON lines: warnings and errors on stderr, the rest on stdout. */
export const consoleLogSink: LogSink = (entry) => {
  const line = `${JSON.stringify({ at: entry.at, level: entry.level, plugin: entry.plugin, message: entry.message, ...entry.fields })}\n`;
  (entry.level === 'warn' || entry.level === 'error' ? process.stderr : process.stdout).write(line);
};

export const REDACTED = '[redacted]';
const MAX_DEPTH = 6;

/**
 * A logger whose every entry names the plugin. Values under a key that is the name of a field
 * classified personal or sensitive in any published entity are replaced by `[redacted]`, at
 * any depth, so that logging a record never copies a resident's data into the log collector.
 */
export function createPluginLogger(plugin: string, sink: LogSink, personalFields: () => ReadonlySet<string>): Logger {
  const log =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      sink({
        at: new Date().toISOString(),
        level,
        plugin,
        message,
        fields: redact(fields, personalFields(), 0) as Record<string, unknown>,
      });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function redact(value: unknown, personal: ReadonlySet<string>, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item) => redact(item, personal, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, personal.has(key) ? REDACTED : redact(item, personal, depth + 1)]),
  );
}
