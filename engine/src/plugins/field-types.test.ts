import { definePlugin, type PluginDefinition } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import type { DatabaseHandle } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { type MetadataItem, validateMetadata } from '../metadata/index.ts';
import { openTestDatabase, testDatabaseKinds } from '../testing/index.ts';
import { fieldTypeRegistry } from './field-types.ts';
import { closeTracked, keepOpen, metadataDir, startOn } from './plugin-test-support.ts';

const TIME_SLOT = { type: 'string', pattern: '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$' };

const slots = (metadata: string[] = []): PluginDefinition =>
  definePlugin({
    name: 'slots',
    version: '1.0.0',
    metadata,
    fieldTypes: [
      { name: 'timeSlot', label: { ja: '時間帯' }, base: 'string', schema: TIME_SLOT, tag: 'kiban-time-slot' },
    ],
  });

/** Written as metadata is: `type` names the plugin field type. */
const BOOKING = {
  kind: 'entity',
  name: 'Booking',
  label: { ja: '予約' },
  fields: [
    { name: 'visitor', type: 'string', label: { ja: '来訪者' } },
    { name: 'slot', type: 'slots.timeSlot', label: { ja: '時間帯' }, required: true },
    { name: 'spare', type: 'slots.timeSlot', label: { ja: '予備の時間帯' } },
  ],
} as unknown as MetadataItem;

const withField = (field: Record<string, unknown>) =>
  ({ ...BOOKING, fields: [...(BOOKING as { fields: unknown[] }).fields, field] }) as unknown as MetadataItem;

describe('plugin field types in the metadata language', () => {
  const fieldTypes = fieldTypeRegistry([{ definition: slots(), source: 'slots' }]);

  it('accepts a plugin type only when a loaded plugin registers it', () => {
    expect(validateMetadata([BOOKING], { fieldTypes })).toEqual([]);
    expect(validateMetadata([BOOKING])).toEqual([
      expect.objectContaining({ pointer: '/fields/1/type', code: 'semantic.unknownFieldType' }),
      expect.objectContaining({ pointer: '/fields/2/type', code: 'semantic.unknownFieldType' }),
    ]);
    const typo = withField({ name: 'other', type: 'slots.timeSlots', label: { ja: '別' } });
    const [error] = validateMetadata([typo], { fieldTypes });
    expect(error.message.en).toBe(
      'No loaded plugin provides the type "slots.timeSlots" of Booking.other. Did you mean "slots.timeSlot"?',
    );
  });

  it('takes only the options every stored field takes, and holds a default to the plugin schema', () => {
    const malformed = withField({ name: 'other', type: 'Slots.TimeSlot', label: { ja: '別' } });
    expect(validateMetadata([malformed], { fieldTypes })).toEqual([
      expect.objectContaining({ pointer: '/fields/3/type', code: 'schema.pattern' }),
    ]);
    const option = withField({ name: 'other', type: 'slots.timeSlot', label: { ja: '別' }, maxLength: 5 });
    expect(validateMetadata([option], { fieldTypes })).toEqual([
      expect.objectContaining({ pointer: '/fields/3/maxLength' }),
    ]);
    const badDefault = withField({ name: 'other', type: 'slots.timeSlot', label: { ja: '別' }, default: '9時' });
    expect(validateMetadata([badDefault], { fieldTypes })).toEqual([
      expect.objectContaining({ pointer: '/fields/3/default', code: 'semantic.invalidDefault' }),
    ]);
  });

  it('refuses a field type whose schema contradicts its base type, naming the plugin', () => {
    const contradictory = {
      ...slots(),
      fieldTypes: [{ name: 'count', label: { ja: '数' }, base: 'integer' as const, schema: { type: 'string' } }],
    };
    expect(() => fieldTypeRegistry([{ definition: contradictory, source: 'slots' }])).toThrow(
      /The plugin "slots" failed to register its field types/,
    );
  });
});

describe.each(testDatabaseKinds())('plugin field types in records on %s', (kind) => {
  let database: DatabaseHandle;
  let plugin: PluginDefinition;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    plugin = slots([await metadataDir([BOOKING])]);
    // Publishes Booking, so that every test starts from an app that uses the plugin type.
    await (await startOn(keepOpen(database), [plugin])).close();
  });
  afterAll(() => database?.close());

  it('stores the value in its base type column and enforces the plugin schema on create', async () => {
    const engine = await startOn(keepOpen(database), [plugin]);
    try {
      const data = engine.plugins.context('slots').data({ kind: 'system' });
      const created = await data.create('Booking', { slot: '10:00-11:00', spare: null });
      expect(created).toMatchObject({ slot: '10:00-11:00', spare: null });
      const refused = await data
        .create('Booking', { slot: '10時から', spare: 'later' })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(KibanError);
      expect((refused as KibanError).details.map((detail) => [detail.pointer, detail.code])).toEqual([
        ['/slot', 'schema.pattern'],
        ['/spare', 'schema.pattern'],
      ]);
      const [column] = await engine
        .live()
        .sql()
        .query<{ data_type: string }>(
          `select data_type from information_schema.columns where table_name = 'app_booking' and column_name = 'slot'`,
        );
      expect(column.data_type).toBe('character varying');
      // Metadata is served as written, so the designer and runtime-ui see the plugin type.
      expect(engine.live().item('entity', 'Booking')).toMatchObject({ fields: [{}, { type: 'slots.timeSlot' }, {}] });
    } finally {
      await engine.close();
    }
  });

  it('refuses to start without the plugin that provides a published type, leaving nothing open', async () => {
    const tracked = closeTracked(database);
    const error = await startOn(tracked.handle, []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KibanError);
    expect((error as KibanError).code).toBe('metadata.unknownFieldType');
    expect((error as KibanError).details.map((detail) => detail.pointer)).toEqual([
      '/entity/Booking/fields/1/type',
      '/entity/Booking/fields/2/type',
    ]);
    expect(tracked.closed()).toBe(true);
  });

  it('answers 422 over REST for a value the plugin schema refuses', async () => {
    const engine = await startOn(keepOpen(database), [plugin]);
    try {
      const login = await engine.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const response = await engine.app.request('/api/data/Booking', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ slot: 'soon' }),
      });
      const body = await response.json();
      expectProblem({ status: response.status, headers: response.headers, body }, 422, 'record.invalid', [
        { pointer: '/slot', code: 'schema.pattern' },
      ]);
    } finally {
      await engine.close();
    }
  });
});
