import fc from 'fast-check';
import type { FixtureIds, FuzzRequest } from './bad-records.ts';
import { nulText, structured, unknownKey } from './bad-values.ts';

const notAString = fc.oneof(fc.integer(), fc.boolean(), structured, fc.constant(null));
const badName = fc.oneof(nulText, notAString, fc.constantFrom('', 'x'.repeat(201)));

/** Sign-in and sign-up bodies that no account can come from: wrong shapes, wrong types, U+0000. */
const badCredentials = fc.oneof(
  fc.record({ username: badName, password: fc.string({ minLength: 1 }) }),
  fc.record({ username: fc.constant('admin'), password: fc.oneof(notAString, nulText, fc.constant('')) }),
  fc.record({ username: fc.string({ minLength: 3 }) }),
  fc
    .tuple(unknownKey, fc.jsonValue())
    .map(([key, value]) => ({ username: 'someone', password: 'x'.repeat(12), [key]: value })),
);

const badSignUp = fc.oneof(
  fc.record({
    username: fc.oneof(badName, fc.constantFrom('ab', '-lead', 'has space', 'やまだ')),
    password: fc.constant('long-enough-pass'),
  }),
  fc.record({
    username: fc.constant('newcomer1'),
    password: fc.oneof(notAString, nulText, fc.constantFrom('short', '')),
  }),
  fc.record({ username: fc.constant('newcomer2'), password: fc.constant('long-enough-pass'), displayName: badName }),
  fc.tuple(unknownKey, fc.jsonValue()).map(([key, value]) => ({
    username: 'newcomer3',
    password: 'long-enough-pass',
    [key]: value,
  })),
);

const badProfile = fc.oneof(
  fc.record({ displayNameKana: fc.oneof(nulText, fc.constantFrom('Yamada', '山田')) }),
  fc.record({ email: fc.oneof(nulText, fc.constantFrom('x@', 'なまえ')) }),
  fc.record({ postalCode: fc.constantFrom('1234567890', 'abc-defg', '060_0808') }),
  fc.record({ language: fc.constantFrom('fr', 'JA', '') }),
  fc.record({ calendar: fc.oneof(nulText, fc.constantFrom('islamic')) }),
  fc.tuple(unknownKey, fc.jsonValue()).map(([key, value]) => ({ [key]: value })),
);

const badPrincipal = fc.oneof(
  fc.record({ kind: fc.constantFrom('robot', ''), username: fc.constant('newstaff'), roles: fc.constant([]) }),
  fc.record({ kind: fc.constant('staff'), username: badName, roles: fc.constant(['librarian']) }),
  fc.record({ kind: fc.constant('staff'), username: fc.constant('newstaff'), roles: fc.constant(['zzNoSuchRole']) }),
  fc.record({
    kind: fc.constant('resident'),
    username: fc.constant('librarian1'),
    password: fc.constant('long-enough-pass'),
    roles: fc.constant(['resident']),
  }),
);

/** Workflow transitions and task hand-overs that are wrong in their name, state, caller or body. */
const badWorkflow = (ids: FixtureIds) =>
  fc.oneof(
    fc.tuple(fc.oneof(unknownKey, nulText), fc.constantFrom('resident', 'librarian')).map(([name, caller]) => ({
      caller,
      method: 'POST',
      path: `/api/workflows/Inquiry/${ids.inquiry}/transitions/${encodeURIComponent(name)}`,
      body: {},
    })),
    fc.constantFrom('close', 'answer', 'reopen').map((name) => ({
      caller: 'resident',
      method: 'POST',
      path: `/api/workflows/Inquiry/${ids.inquiry}/transitions/${name}`,
      body: {},
    })),
    fc.oneof(nulText, structured, fc.string({ minLength: 4001, maxLength: 4010 })).map((comment) => ({
      caller: 'librarian',
      method: 'POST',
      path: `/api/workflows/Inquiry/${ids.inquiry}/transitions/accept`,
      body: { comment },
    })),
    fc
      .tuple(
        fc.uuid(),
        fc.oneof(fc.record({ role: fc.constant('') }), fc.record({ principal: fc.string() }), fc.constant({})),
      )
      .map(([task, assignTo]) => ({
        caller: 'librarian',
        method: 'POST',
        path: `/api/tasks/${task}/reassign`,
        body: { assignTo },
      })),
    fc.uuid().map((id) => ({ caller: 'librarian', method: 'GET', path: `/api/workflows/Inquiry/${id}` })),
  );

/** Accounts, profile, principals, tokens and workflows. */
export function badAccountsAndWorkflows(ids: FixtureIds): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    badCredentials.map((body) => ({ caller: 'anonymous', method: 'POST', path: '/api/auth/login', body })),
    badSignUp.map((body) => ({ caller: 'anonymous', method: 'POST', path: '/api/auth/signup', body })),
    badProfile.map((body) => ({ caller: 'resident', method: 'PUT', path: '/api/profile', body })),
    badPrincipal.map((body) => ({ caller: 'admin', method: 'POST', path: '/api/admin/principals', body })),
    badPrincipal.map((body) => ({ caller: 'librarian', method: 'POST', path: '/api/admin/principals', body })),
    fc
      .oneof(
        badName,
        fc.record({ name: fc.constant('t'), expiresAt: fc.constantFrom('yesterday', '1999-01-01T00:00:00Z') }),
      )
      .map((body) => ({ caller: 'admin', method: 'POST', path: '/api/admin/principals/me/tokens', body })),
    badWorkflow(ids),
  ) as fc.Arbitrary<FuzzRequest>;
}
