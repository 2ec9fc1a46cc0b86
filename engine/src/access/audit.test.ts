import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { type AccessTestDatabase, openAccessTestDatabase } from './access-test-database.ts';
import { listAudit, recordAudit } from './audit.ts';
import type { Principal } from './principal-row.ts';

const clerk: Principal = {
  id: '11111111-1111-4111-8111-111111111111',
  kind: 'staff',
  username: 'clerk',
  displayName: null,
  roles: [],
  department: null,
  attributes: {},
};
const child = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const sibling = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

describe.each(testDatabaseKinds())('audit trail on %s', (kind) => {
  let db: AccessTestDatabase;
  beforeAll(async () => {
    db = await openAccessTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it('records an entry and lists it back', async () => {
    const id = await recordAudit(db.sql, {
      principal: clerk,
      action: 'read',
      entity: 'Child',
      recordIds: [child, sibling],
      fields: ['birthDate', 'name'],
      detail: { view: 'children-by-school' },
    });
    const [entry] = await listAudit(db.sql, { limit: 1 });
    expect(entry).toEqual({
      id,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      principalId: clerk.id,
      principalKind: 'staff',
      action: 'read',
      entity: 'Child',
      recordIds: [child, sibling],
      fields: ['birthDate', 'name'],
      detail: { view: 'children-by-school' },
    });
  });

  it('records anonymous events with empty lists by default', async () => {
    await recordAudit(db.sql, { principal: null, action: 'login.failed' });
    const [entry] = await listAudit(db.sql, { limit: 1 });
    expect(entry).toMatchObject({
      principalId: null,
      principalKind: 'anonymous',
      action: 'login.failed',
      entity: null,
      recordIds: [],
      fields: [],
      detail: {},
    });
  });

  it('filters by entity, record and principal, newest first, and pages with before', async () => {
    const other = { id: '22222222-2222-4222-8222-222222222222', kind: 'staff' as const };
    await recordAudit(db.sql, { principal: other, action: 'update', entity: 'Child', recordIds: [sibling] });
    await recordAudit(db.sql, { principal: other, action: 'update', entity: 'Household', recordIds: [child] });

    const byRecord = await listAudit(db.sql, { recordId: sibling });
    expect(byRecord.map((entry) => entry.action)).toEqual(['update', 'read']);
    expect((await listAudit(db.sql, { entity: 'Household' })).map((entry) => entry.recordIds)).toEqual([[child]]);
    const byPrincipal = await listAudit(db.sql, { principalId: other.id });
    expect(byPrincipal.map((entry) => entry.entity)).toEqual(['Household', 'Child']);
    expect(await listAudit(db.sql, { principalId: other.id, entity: 'Child', recordId: child })).toEqual([]);

    const [newest, ...older] = await listAudit(db.sql);
    expect(await listAudit(db.sql, { before: newest?.id })).toEqual(older);
    expect(Number(newest?.id)).toBeGreaterThan(Number(older[0]?.id));
  });

  it('answers nothing for malformed filters instead of failing', async () => {
    expect(await listAudit(db.sql, { principalId: 'nope' })).toEqual([]);
    expect(await listAudit(db.sql, { before: '1; drop table kiban_audit' })).toEqual([]);
  });

  it('keeps quotes and question marks in the detail intact', async () => {
    await recordAudit(db.sql, { principal: clerk, action: 'metadata.publish', detail: { note: "it's ok? yes" } });
    const [entry] = await listAudit(db.sql, { limit: 1 });
    expect(entry?.detail).toEqual({ note: "it's ok? yes" });
  });
});
