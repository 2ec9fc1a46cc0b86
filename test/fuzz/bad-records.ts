import fc from 'fast-check';
import {
  badBoolean,
  badDate,
  badDecimal,
  badEmail,
  badEnum,
  badReference,
  badText,
  DEEP_JSON,
  deepJson,
  hugeNumbers,
  nulText,
  structured,
  tooDeep,
  unknownKey,
} from './bad-values.ts';

export type Caller = 'admin' | 'librarian' | 'resident' | 'anonymous';

/** One generated request: a body is serialised as JSON, `rawBody` is sent as it is. */
export interface FuzzRequest {
  caller: Caller;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  /** A binary body, sent as it is (package archives). */
  bytes?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

export interface FixtureIds {
  branch: string;
  applicant: string;
  application: string;
  inquiry: string;
}

type Defect = { field: string; value: unknown } | { deep: string; depth: number };

/** A valid body with exactly one thing wrong in it, as the request that carries it. */
function withDefect(caller: Caller, method: string, path: string, base: Record<string, unknown>, defect: Defect) {
  if ('deep' in defect) {
    const rawBody = JSON.stringify({ ...base, [defect.deep]: DEEP_JSON }).replace(
      JSON.stringify(DEEP_JSON),
      deepJson(defect.depth),
    );
    return { caller, method, path, rawBody, headers: { 'content-type': 'application/json' } } as FuzzRequest;
  }
  return { caller, method, path, body: { ...base, [defect.field]: defect.value } } as FuzzRequest;
}

const field = (name: string, value: fc.Arbitrary<unknown>) => value.map((each) => ({ field: name, value: each }));
const deep = (name: string) => tooDeep.map((depth) => ({ deep: name, depth }));
const unknownProperty = fc.tuple(unknownKey, fc.jsonValue()).map(([key, value]) => ({ field: key, value }));

/** Branch writes by a librarian: every field of the type it has, plus a duplicate code and a collection. */
function branchDefects(): fc.Arbitrary<Defect> {
  return fc.oneof(
    field('name', fc.oneof(badText(100), fc.constant(null))),
    field('code', fc.oneof(badText(3), fc.constantFrom('KIT', 'ab1', 'ＡＢＣ'))),
    field('ward', badText(20)),
    field('openedOn', badDate),
    field('seats', fc.oneof(hugeNumbers, fc.constantFrom(-1, 10001, 1.5, '12'), structured)),
    field('applications', fc.array(fc.uuid(), { maxLength: 2 })),
    field('id', fc.uuid()),
    field('owner', fc.uuid()),
    unknownProperty,
  );
}

/** Application writes by its resident owner: readOnly and hidden fields too. */
function applicationDefects(): fc.Arbitrary<Defect> {
  return fc.oneof(
    field('applicant', badReference),
    field('branch', badReference),
    field('deposit', badDecimal),
    field('wantsChildCard', badBoolean),
    field('notes', fc.string()),
    field('status', fc.constantFrom('approved', 'rejected')),
    field('cardNumber', fc.string({ maxLength: 12 })),
    field(
      'issuedAt',
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    ),
    field(
      'extra',
      nulText.map((text) => ({ text })),
    ),
    deep('extra'),
    unknownProperty,
  );
}

function inquiryDefects(): fc.Arbitrary<Defect> {
  return fc.oneof(
    field('subject', fc.oneof(nulText, fc.integer(), structured, fc.constant(null))),
    field('body', fc.oneof(nulText, fc.boolean(), structured)),
    field('category', badEnum(['tax', 'welfare'])),
    field('contactEmail', badEmail),
    field('status', fc.constantFrom('closed', 'answered', 'received')),
    field('answer', fc.string()),
    unknownProperty,
  );
}

/** Creates and updates of every example entity, each with one defect. */
export function badRecordWrites(ids: FixtureIds): fc.Arbitrary<FuzzRequest> {
  const branch = { name: '南図書館', code: 'MIN' };
  const application = { applicant: ids.applicant, branch: ids.branch };
  const inquiry = { subject: '住民票', body: '取り方を教えてください。', category: 'welfare' };
  return fc.oneof(
    branchDefects().map((defect) => withDefect('librarian', 'POST', '/api/data/Branch', branch, defect)),
    branchDefects().map((defect) => withDefect('librarian', 'PATCH', `/api/data/Branch/${ids.branch}`, {}, defect)),
    applicationDefects().map((defect) => withDefect('resident', 'POST', '/api/data/Application', application, defect)),
    applicationDefects().map((defect) =>
      withDefect('resident', 'PATCH', `/api/data/Application/${ids.application}`, {}, defect),
    ),
    fc
      .oneof(field('birthDate', badDate), field('nameKana', fc.oneof(nulText, fc.constantFrom('abc', '山田'))))
      .map((defect) =>
        withDefect(
          'resident',
          'POST',
          '/api/data/Applicant',
          { name: '佐藤 一郎', nameKana: 'サトウ イチロウ', birthDate: '1980-01-01' },
          defect,
        ),
      ),
    inquiryDefects().map((defect) => withDefect('resident', 'POST', '/api/data/Inquiry', inquiry, defect)),
    // Other residents' and unknown records, and writes by callers without the permission.
    fc.constantFrom<FuzzRequest>(
      { caller: 'librarian', method: 'DELETE', path: `/api/data/Application/${ids.application}` },
      { caller: 'resident', method: 'DELETE', path: `/api/data/Branch/${ids.branch}` },
      { caller: 'anonymous', method: 'POST', path: '/api/data/Branch', body: branch },
      { caller: 'resident', method: 'PATCH', path: `/api/data/Inquiry/${ids.inquiry}`, body: { body: '変更' } },
    ),
    fc
      .uuid()
      .map(
        (id) => ({ caller: 'resident', method: 'PATCH', path: `/api/data/Application/${id}`, body: {} }) as FuzzRequest,
      ),
  );
}
