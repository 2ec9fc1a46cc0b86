import type { LoadRequest } from '../lib/load.ts';
import { branchCode, CODE_SPACE, WARDS } from './branch-data.ts';

/** One piece of work, as the generated API and as the hand-written one ask for it. */
export interface EndpointPair {
  name: string;
  requestsPerRound: number;
  generated(index: number): LoadRequest;
  handWritten(index: number): LoadRequest;
  /** Runs after every round, outside the measurement. */
  afterRound?(): Promise<void>;
}

export interface EndpointContext {
  generatedOrigin: string;
  handWrittenOrigin: string;
  cookie: string;
  branchIds: readonly string[];
  seededBranches: number;
  /** Deletes the branches a create round stored, so every create round starts from the same table. */
  removeCreated(): Promise<void>;
}

export interface RequestCounts {
  get: number;
  list: number;
  create: number;
}

/** Get by id, a ward-filtered page of 20, and create: the three calls a branch screen makes. */
export function branchEndpoints(context: EndpointContext, counts: RequestCounts): EndpointPair[] {
  const { generatedOrigin, handWrittenOrigin, cookie, branchIds } = context;
  if (context.seededBranches + counts.create > CODE_SPACE)
    throw new Error(`${counts.create} creates per round would run out of unique branch codes`);
  const read = (url: string): LoadRequest => ({ url, init: { headers: { cookie } }, expectStatus: 200 });
  const create = (url: string, index: number): LoadRequest => ({
    url,
    init: {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(newBranch(context.seededBranches + index)),
    },
    expectStatus: 201,
  });
  const ward = (index: number) => encodeURIComponent(WARDS[index % WARDS.length]);
  return [
    {
      name: 'get by id',
      requestsPerRound: counts.get,
      generated: (i) => read(`${generatedOrigin}/api/data/Branch/${branchIds[i % branchIds.length]}`),
      handWritten: (i) => read(`${handWrittenOrigin}/branches/${branchIds[i % branchIds.length]}`),
    },
    {
      name: 'list 20 by ward',
      requestsPerRound: counts.list,
      generated: (i) => read(`${generatedOrigin}/api/data/Branch?filter%5Bward%5D%5Beq%5D=${ward(i)}&limit=20`),
      handWritten: (i) => read(`${handWrittenOrigin}/branches?ward=${ward(i)}`),
    },
    {
      name: 'create',
      requestsPerRound: counts.create,
      generated: (i) => create(`${generatedOrigin}/api/data/Branch`, i),
      handWritten: (i) => create(`${handWrittenOrigin}/branches`, i),
      afterRound: context.removeCreated,
    },
  ];
}

function newBranch(n: number) {
  return {
    name: `ベンチ分館 ${n}`,
    code: branchCode(n),
    ward: WARDS[n % WARDS.length],
    openedOn: '2024-04-01',
    seats: n % 300,
  };
}
