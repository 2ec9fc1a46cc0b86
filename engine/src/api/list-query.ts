import type { ErrorDetail } from '../errors.ts';
import type { Filter } from '../metadata/index.ts';
import type { ListQuery } from '../records/index.ts';
import { httpError } from './problem.ts';
import { validateRequest } from './request-schemas.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

const FILTER_PARAM = /^filter\[([^\][]+)\]\[([^\][]+)\]$/;

/**
 * `?filter[status][in]=open,closed&sort=-createdAt&limit=20&cursor=…&fields=name,status`.
 * Parameters are checked strictly: an unknown or repeated parameter is an error rather than
 * being ignored, so a typo never silently widens a result.
 */
export function parseListQuery(url: URL): ListQuery {
  // A Map, then own properties: `filter[__proto__]` must be an unknown field, not a prototype.
  const filter = new Map<string, Filter[string]>();
  const plain: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [key, value] of url.searchParams) {
    if (seen.has(key))
      throw badParameter(key, 'query.repeatedParameter', 'が複数回指定されています', 'is given more than once');
    seen.add(key);
    const match = FILTER_PARAM.exec(key);
    if (match) {
      const [, field, op] = match;
      filter.set(field, { ...filter.get(field), [op]: op === 'in' ? splitList(value) : value });
    } else {
      plain[key] = value;
    }
  }
  validateRequest('listQuery', plain, '/query', invalidQuery);
  if (plain.cursor !== undefined && plain.offset !== undefined) {
    throw badParameter(
      'cursor',
      'query.cursorWithOffset',
      'と offset は同時に指定できません',
      'cannot be combined with offset',
    );
  }
  return {
    filter: Object.fromEntries(filter),
    sort: plain.sort,
    limit: plain.limit === undefined ? DEFAULT_PAGE_SIZE : Number(plain.limit),
    offset: plain.offset === undefined ? 0 : Number(plain.offset),
    cursor: plain.cursor,
    fields: plain.fields === undefined ? undefined : splitList(plain.fields),
  };
}

function splitList(value: string): string[] {
  return value === '' ? [] : value.split(',');
}

/** A malformed query string is a 400, like the filter and cursor problems found later. */
export function invalidQuery(details: ErrorDetail[]) {
  return httpError(
    400,
    'query.invalid',
    { ja: 'クエリーパラメーターに誤りがあります。', en: 'The query parameters are invalid.' },
    details,
  );
}

function badParameter(name: string, code: string, ja: string, en: string) {
  return httpError(400, code, { ja: `パラメーター「${name}」${ja}。`, en: `The parameter "${name}" ${en}.` }, [
    { pointer: `/query/${name}`, code, message: { ja: `「${name}」${ja}。`, en: `"${name}" ${en}.` } },
  ]);
}
