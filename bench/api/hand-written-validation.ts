/** What a client may send to create a branch, checked by hand. */
export interface BranchInput {
  name: string;
  code: string;
  ward?: string | null;
  openedOn?: string | null;
  seats?: number | null;
}

export interface InputProblem {
  pointer: string;
  message: string;
}

const ALLOWED = new Set(['name', 'code', 'ward', 'openedOn', 'seats']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every problem with the body, or none; unknown properties are refused, not ignored. */
export function branchInputProblems(body: Record<string, unknown>): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ pointer: `/${field}`, message });
  for (const key of Object.keys(body)) if (!ALLOWED.has(key)) problem(key, 'unknown property');
  const { name, code, ward, openedOn, seats } = body;
  if (typeof name !== 'string' || name.length === 0 || name.length > 100)
    problem('name', 'required, 1 to 100 characters');
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) problem('code', 'required, three capital letters');
  if (ward != null && (typeof ward !== 'string' || ward.length > 20)) problem('ward', 'at most 20 characters');
  if (openedOn != null && !isCalendarDate(openedOn)) problem('openedOn', 'a date as YYYY-MM-DD');
  if (seats != null && (!Number.isInteger(seats) || (seats as number) < 0 || (seats as number) > 10_000))
    problem('seats', 'a whole number from 0 to 10000');
  return problems;
}

/** `2023-02-30` matches the pattern but is no date; the round trip through Date catches it. */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
