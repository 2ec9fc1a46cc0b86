import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestClient, type TestEngine } from '../testing/index.ts';
import { car, household, resident, residentRule } from './test-entities.ts';

const seniors = residentRule({ fact: 'age', of: 'birthDate', op: 'gte', value: 65 }, 'seniors');

/** Rules are a kind of the metadata language: seeded, published, served and checked like the others. */
describe('rules in the metadata registry', () => {
  let dir: string;
  let engine: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiban-rules-'));
    await mkdir(join(dir, 'entities'));
    await mkdir(join(dir, 'rules'));
    await writeFile(join(dir, 'entities/household.json'), JSON.stringify(household));
    await writeFile(join(dir, 'entities/resident.json'), JSON.stringify(resident));
    await writeFile(join(dir, 'entities/car.json'), JSON.stringify(car));
    await writeFile(join(dir, 'rules/seniors.json'), JSON.stringify(seniors));
    engine = await startTestEngine('pglite', [dir]);
    admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await engine?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes a seeded rule and serves it', async () => {
    const response = await admin.request('GET', '/api/metadata/rule/seniors');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ kind: 'rule', entity: 'Resident', use: 'segment' });
  });

  it('reports a draft rule whose fact does not resolve', async () => {
    const draft = residentRule({ fact: 'household.colour', op: 'eq', value: 'red' }, 'broken');
    const response = await admin.request('PUT', '/api/metadata/drafts/rule/broken', { body: draft });
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ kind: 'rule', pointer: '/condition/fact', code: 'semantic.rule.unknownFact' }),
    ]);
  });
});
