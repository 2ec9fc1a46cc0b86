import { rm } from 'node:fs/promises';
import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataItem } from '../metadata/index.ts';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { temporaryDirectory, writeItemsPackage } from './package-test-support.ts';

const slots = definePlugin({
  name: 'slots',
  version: '1.0.0',
  fieldTypes: [
    {
      name: 'timeSlot',
      label: { ja: '時間帯' },
      base: 'string',
      schema: { type: 'string', pattern: '^\\d{2}:\\d{2}-\\d{2}:\\d{2}$' },
    },
  ],
});

const BOOKING = {
  kind: 'entity',
  name: 'Booking',
  label: { ja: '予約' },
  fields: [{ name: 'slot', type: 'slots.timeSlot', label: { ja: '時間帯' }, required: true }],
} as unknown as MetadataItem;

/** Regression: the planner validated packages without the loaded plugins' field types. */
describe.each(testDatabaseKinds())('a package using a plugin field type on %s', (kind) => {
  let host: TestEngine;
  let dir: string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [], {}, { plugins: [slots] });
    dir = await temporaryDirectory();
    await writeItemsPackage(dir, [BOOKING], { name: 'bookings', requires: { plugins: { slots: '^1.0.0' } } });
  });
  afterAll(async () => {
    await host?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('plans, imports and imports again unchanged', async () => {
    const pkg = await host.engine.packages.read(dir);
    const plan = await host.engine.packages.plan(pkg);
    expect(plan.created).toEqual([{ kind: 'entity', name: 'Booking' }]);
    expect(await host.engine.packages.import(pkg)).toMatchObject({ applied: true });
    expect(host.engine.live().item('entity', 'Booking')).toMatchObject({ fields: [{ type: 'slots.timeSlot' }] });

    const again = await host.engine.packages.plan(pkg);
    expect(again).toMatchObject({ created: [], changed: [], removed: [], unchanged: [{ name: 'Booking' }] });
    expect(await host.engine.packages.import(pkg)).toMatchObject({ applied: false });
  });
});
