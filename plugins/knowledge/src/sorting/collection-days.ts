/**
 * The collection-day notation of the 5374 format: `月 木` is every Monday and Thursday, `水2 水4`
 * the second and fourth Wednesday of the month.
 */

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

export interface CollectionRule {
  weekday: number;
  /** 1–5: only that occurrence of the weekday in the month; absent: every week. */
  nth?: number;
}

/** Parses `月 木` / `水2 水4`; a token it does not know is an error naming it. */
export function parseCollectionDays(text: string): CollectionRule[] {
  const rules: CollectionRule[] = [];
  for (const token of text
    .normalize('NFKC')
    .split(/[\s・、,]+/u)
    .filter(Boolean)) {
    const weekday = WEEKDAYS.indexOf(token.charAt(0));
    const nth = token.slice(1);
    if (weekday < 0 || (nth !== '' && !/^[1-5]$/.test(nth))) throw new Error(`unknown collection day "${token}"`);
    rules.push(nth ? { weekday, nth: Number(nth) } : { weekday });
  }
  return rules;
}

function matches(rule: CollectionRule, date: Date): boolean {
  if (date.getUTCDay() !== rule.weekday) return false;
  return rule.nth === undefined || Math.ceil(date.getUTCDate() / 7) === rule.nth;
}

/**
 * The first collection day on or after `from` (a YYYY-MM-DD local date), skipping the closed
 * periods given; null when the rules name no day within a year.
 */
export function nextCollectionDay(
  rules: CollectionRule[],
  from: string,
  closed: Array<{ start: string; end: string }> = [],
): string | null {
  if (rules.length === 0) return null;
  const date = new Date(`${from}T00:00:00Z`);
  for (let step = 0; step < 370; step++) {
    const day = date.toISOString().slice(0, 10);
    const isClosed = closed.some((period) => day >= period.start && day <= period.end);
    if (!isClosed && rules.some((rule) => matches(rule, date))) return day;
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return null;
}
