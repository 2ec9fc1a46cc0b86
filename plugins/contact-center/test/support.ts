import type { Actor, PluginDefinition } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; a PostgreSQL server too when `KIBAN_TEST_DATABASE_URL` names one. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A clock the test moves: SLAs and KPIs are decided by it. */
export class TestClock {
  private offsetMs = 0;
  private heldAt: number | undefined;
  now = (): Date => new Date(this.heldAt ?? Date.now() + this.offsetMs);
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }
  /** Moves the clock to `at` (days away, too: everything the timers compare is stamped by it); it runs on from there. */
  setTo(at: Date): Date {
    this.offsetMs = at.getTime() - Date.now();
    return this.now();
  }
  /** Stops the clock where it is (a rate window cannot turn while a test counts in it) until `release`. */
  hold(): void {
    this.heldAt = this.now().getTime();
  }
  release(): void {
    this.heldAt = undefined;
  }
}

export async function startContactCenter(
  kind: DatabaseKind,
  others: PluginDefinition[] = [],
  clock = new TestClock(),
): Promise<{ host: TestHost; clock: TestClock }> {
  const host = await createTestHost({ plugins: [createContactCenterPlugin({ clock: clock.now }), ...others], kind });
  return { host, clock };
}

let principals = 0;
export function resident(host: TestHost): Promise<TestHostClient> {
  principals += 1;
  return host.signInAs('resident', `resident-${principals}`, [ROLE.resident]);
}

export function staff(host: TestHost, roles: string[]): Promise<TestHostClient> {
  principals += 1;
  return host.signInAs('staff', `staff-${principals}`, roles);
}

export function idOf(actor: Actor): string {
  if (actor.kind !== 'principal') throw new Error('a signed-in client acts as a principal');
  return actor.id;
}

/** Calls `contact-center.<name>` as `client` and answers the status and the result. */
export async function act(client: TestHostClient, name: string, body: unknown) {
  const response = await client.request('POST', `/api/actions/contact-center.${name}`, { body });
  return { status: response.status, body: response.body?.result ?? response.body };
}

/** A supervisor sets up a queue and an operator with its skill, and the operator becomes available. */
export async function operatorFor(
  host: TestHost,
  supervisor: TestHostClient,
  queue: { code: string; skill: string; tier?: 'operator' | 'department'; category?: string },
  options: { capacity?: number; name?: string; roles?: string[] } = {},
): Promise<TestHostClient> {
  await act(supervisor, 'configureQueue', {
    code: queue.code,
    label: { ja: queue.code },
    tier: queue.tier ?? 'operator',
    skill: queue.skill,
    ...(queue.category ? { category: queue.category } : {}),
  });
  const operator = await staff(host, options.roles ?? [ROLE.operator]);
  const configured = await act(supervisor, 'configureOperator', {
    principal: idOf(operator.actor),
    displayName: options.name ?? `担当 ${principals}`,
    capacity: options.capacity ?? 3,
    skills: [queue.skill],
  });
  if (configured.status !== 200) throw new Error(`configure failed: ${JSON.stringify(configured.body)}`);
  return operator;
}

let clientIds = 0;
/** A fresh client message id, as a browser makes one per message. */
export function clientId(): string {
  clientIds += 1;
  return `msg-${process.pid}-${clientIds}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Each sign-in hashes a password and PGlite runs in WebAssembly: on a loaded two-core machine a
 * test with a dozen principals and concurrent transactions needs more than the default minute.
 */
export const SLOW_TEST_MS = 180_000;
