import { describe, expect, it } from 'vitest';
import { createPluginLogger, type LogEntry, REDACTED } from './logger.ts';

describe('the plugin logger', () => {
  it('names the plugin and never writes values of personal fields, at any depth', () => {
    const entries: LogEntry[] = [];
    const logger = createPluginLogger(
      'reservations',
      (entry) => entries.push(entry),
      () => new Set(['contactName', 'birthDate']),
    );
    logger.info('booked', {
      slotId: 's1',
      contactName: '山田 太郎',
      record: { id: 'r1', birthDate: '1990-01-01', nested: [{ contactName: '佐藤' }] },
      error: new Error('boom'),
    });
    expect(entries).toEqual([
      {
        at: expect.any(String),
        level: 'info',
        plugin: 'reservations',
        message: 'booked',
        fields: {
          slotId: 's1',
          contactName: REDACTED,
          record: { id: 'r1', birthDate: REDACTED, nested: [{ contactName: REDACTED }] },
          error: { name: 'Error', message: 'boom' },
        },
      },
    ]);
  });
});
