import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { TestEngine, TestResponse } from '../testing/index.ts';

/** The example app every API suite runs against. */
export const LIBRARY_CARD = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

export interface ExpectedDetail {
  pointer: string;
  code: string;
}

/**
 * Asserts an RFC 9457 problem exactly: the media type, the standard members, Kiban's stable
 * `code`, and every located detail in order (each with a non-empty message).
 */
export function expectProblem(
  response: TestResponse,
  status: number,
  code: string,
  details: ExpectedDetail[] = [],
): void {
  expect(response.body).toEqual({
    type: `urn:kiban:problem:${code}`,
    title: code,
    status,
    detail: expect.stringMatching(/\S/),
    code,
    errors: details.map((detail) => ({ ...detail, message: expect.stringMatching(/\S/) })),
  });
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
}

/**
 * Every table a request could change: the example app's data, the registry, access control,
 * the audit trail, the outbox and the job queue. The last three are compared by their row
 * counts only, since their rows move on their own (the retention job audits and removes, the
 * relay marks events published, the runner moves scheduled jobs on).
 */
const COUNTED_ONLY = new Set(['kiban_audit', 'kiban_outbox', 'kiban_job']);
const TABLES = [
  'app_branch',
  'app_applicant',
  'app_application',
  'kiban_metadata_version',
  'kiban_metadata_draft',
  'kiban_publication',
  'kiban_principal',
  'kiban_session',
  'kiban_api_token',
  'kiban_audit',
  'kiban_outbox',
  'kiban_job',
];

export type EngineState = Record<string, unknown>;

/** The live generation and, per table, the row count and a digest of every row's content. */
export async function engineState(host: TestEngine): Promise<EngineState> {
  const live = host.engine.live();
  const state: EngineState = { generation: live.generation };
  for (const table of TABLES) {
    const content = COUNTED_ONLY.has(table) ? `''` : `coalesce(md5(string_agg(t::text, '|' order by t::text)), '')`;
    const [row] = await live
      .sql()
      .query<{ rows: number; digest: string }>(`select count(*)::int as rows, ${content} as digest from ${table} t`);
    state[table] = row;
  }
  return state;
}

/** Sends a request and asserts that it left every table and the live generation exactly as they were. */
export async function withoutChanges(host: TestEngine, send: () => Promise<TestResponse>): Promise<TestResponse> {
  const before = await engineState(host);
  const response = await send();
  expect(await engineState(host)).toEqual(before);
  return response;
}
