import type { Principal } from '../access/index.ts';
import type { ApiRecord } from '../data/index.ts';
import type { Assignee, ValueTemplate } from '../metadata/index.ts';
import { evaluationDate } from '../rules/index.ts';

/** What a transition's templates may refer to. */
export interface TemplateContext {
  record: ApiRecord;
  actor: Principal;
  now: Date;
  /** The records `$record.<reference>.<field>` templates reach, by reference field (see `loadTemplateReferences`). */
  related?: Readonly<Record<string, ApiRecord | null>>;
}

const RECORD_PREFIX = '$record.';

/** `$now`, `$today` (Asia/Tokyo), `$actor` and `$record.<field>` replaced; other values as written. */
export function resolveValues(
  values: Readonly<Record<string, ValueTemplate>>,
  context: TemplateContext,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, resolveValue(value, context)]));
}

function resolveValue(value: ValueTemplate, { record, actor, now }: TemplateContext): unknown {
  if (typeof value !== 'string' || !value.startsWith('$')) return value;
  if (value === '$now') return now.toISOString();
  if (value === '$today') return evaluationDate(now).today;
  if (value === '$actor') return actor.id;
  if (value.startsWith('$record.')) return record[value.slice('$record.'.length)] ?? null;
  return value;
}

/** Who a task or notification is for, stored as a kind and a value. */
export interface ResolvedAssignee {
  kind: 'role' | 'department' | 'principal';
  value: string;
}

/**
 * `$owner` is the record's owner and `$actor` whoever made the transition; a record without
 * an owner leaves nobody, and the caller decides what that means.
 */
export function resolveAssignee(assignee: Assignee, context: TemplateContext): ResolvedAssignee | null {
  if ('role' in assignee) return { kind: 'role', value: assignee.role };
  if ('department' in assignee) {
    const department = recordTemplate(assignee.department, context);
    return typeof department === 'string' && department !== '' ? { kind: 'department', value: department } : null;
  }
  const { principal } = assignee;
  const id =
    principal === '$owner'
      ? context.record.owner
      : principal === '$actor'
        ? context.actor.id
        : recordTemplate(principal, context);
  return typeof id === 'string' ? { kind: 'principal', value: id } : null;
}

/**
 * `$record.<field>` or `$record.<reference>.<field>` (dynamic assignment: the task goes to the
 * department the record names, e.g. its ward); any other text as written. Missing is null.
 */
function recordTemplate(value: string, context: TemplateContext): unknown {
  if (!value.startsWith(RECORD_PREFIX)) return value;
  const [first, second] = value.slice(RECORD_PREFIX.length).split('.');
  if (second === undefined) return context.record[first] ?? null;
  return context.related?.[first]?.[second] ?? null;
}

/** The reference fields a workflow's `$record.<reference>.<field>` templates go through. */
export function templateReferences(workflow: unknown): Set<string> {
  const text = JSON.stringify(workflow);
  return new Set([...text.matchAll(/"\$record\.([a-z][A-Za-z0-9]*)\.[a-z][A-Za-z0-9]*"/g)].map((match) => match[1]));
}
