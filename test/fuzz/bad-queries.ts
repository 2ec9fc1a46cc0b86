import fc from 'fast-check';
import type { FuzzRequest } from './bad-records.ts';
import { nulText } from './bad-values.ts';

/** Text as a client may put it in a query string, U+0000 and lone surrogates' escapes included. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  nulText,
  fc.constantFrom('%', '%zz', '%00', '%ud800', '\u{1F600}', '1e400', '-0', '9'.repeat(400)),
);

const enc = (text: string) => encodeURIComponent(text).replace(/%25(?=[0-9a-fA-F]{2}|zz|ud800)/g, '%');

/** One query parameter that makes a list request wrong, whatever the others say. */
const badParameter = fc.oneof(
  fc
    .tuple(fc.constantFrom('zzNope', 'owner.name', 'applications', '__proto__', ''), anyText)
    .map(([name, value]) => `filter[${enc(name)}][eq]=${enc(value)}`),
  fc
    .tuple(fc.constantFrom('like', 'regex', 'EQ', '', 'between'), anyText)
    .map(([op, value]) => `filter[name][${enc(op)}]=${enc(value)}`),
  fc
    .tuple(
      fc.constantFrom('seats', 'openedOn'),
      fc.constantFrom('gt', 'eq', 'in'),
      // Any integer is a fine `seats` value, `-0` included: only what is none may be generated.
      anyText.filter((text) => !/^\s*[+-]?\d+\s*$/.test(text)),
    )
    .map(([name, op, value]) => `filter[${name}][${op}]=${enc(value)}`),
  nulText.map((value) => `filter[name][eq]=${enc(value)}`),
  fc.constantFrom('filter[name]=x', 'filter=x', 'filter[name][eq][x]=1'),
  fc.oneof(fc.constantFrom('0', '-1', '201', '1e3', 'abc', '1.5'), nulText).map((limit) => `limit=${enc(limit)}`),
  fc
    .oneof(fc.constantFrom('zzNope', '-', '--name', 'name,,', 'applications'), nulText)
    .map((sort) => `sort=${enc(sort)}`),
  fc.oneof(fc.base64String({ minLength: 4, maxLength: 60 }), anyText).map((cursor) => `cursor=${enc(`x${cursor}`)}`),
  fc.oneof(fc.constantFrom('zzNope', 'name,zzNope', ''), nulText).map((fields) => `fields=${enc(fields)}`),
  fc.constantFrom('offset=-1', 'offset=abc', 'offset=1e20'),
);

const goodParameter = fc.constantFrom('sort=name', 'limit=5', 'filter[ward][eq]=北区', 'fields=name,code');

/** List requests on each example entity with at least one bad parameter among good ones. */
export function badListQueries(): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom('Branch', 'Application', 'Inquiry'),
      fc.constantFrom('librarian', 'resident', 'admin') as fc.Arbitrary<FuzzRequest['caller']>,
      fc.array(goodParameter, { maxLength: 2 }),
      fc.array(badParameter, { minLength: 1, maxLength: 3 }),
    )
    .map(([entity, caller, good, bad]) => ({
      caller,
      method: 'GET',
      path: `/api/data/${entity}?${[...good, ...bad].join('&')}`,
    }));
}
