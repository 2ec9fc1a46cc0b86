import { cityToday, dayLabel, el, text } from './common.js';

const DAY_MS = 86_400_000;
const addDays = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekday = (day) => new Date(`${day}T00:00:00Z`).getUTCDay();

/**
 * What falls on a day: an event on each of its days, a benefit on its last day (its
 * deadline) — a benefit open all year would otherwise fill every cell.
 */
function itemsOn(items, day) {
  return items.filter((item) =>
    item.kind === 'event'
      ? item.firstDay && item.firstDay <= day && day <= (item.lastDay ?? item.firstDay)
      : item.lastDay === day,
  );
}

/**
 * The items as a month or a week: a table with one column per weekday, a cell per day
 * listing what falls on it. The anchor day is kept on the host element so that "previous"
 * and "next" survive a new search.
 */
export function renderCalendar(host, items, { mode, onMode }) {
  const t = text(host);
  host.calendarAnchor ??= cityToday();
  const anchor = host.calendarAnchor;
  const first = mode === 'week' ? addDays(anchor, -weekday(anchor)) : `${anchor.slice(0, 7)}-01`;
  const start = addDays(first, -weekday(first));
  const weeks = mode === 'week' ? 1 : Math.ceil((weekday(first) + daysInMonth(first)) / 7);
  const title =
    mode === 'week'
      ? t.weekTitle(dayLabel(start, host.language))
      : t.monthTitle(Number(first.slice(0, 4)), Number(first.slice(5, 7)));
  const move = (direction) => {
    host.calendarAnchor = mode === 'week' ? addDays(anchor, 7 * direction) : shiftMonth(first, direction);
    onMode(mode);
  };
  const rows = Array.from({ length: weeks }, (_, week) =>
    el(
      'tr',
      {},
      Array.from({ length: 7 }, (_, column) => {
        const day = addDays(start, week * 7 + column);
        const outside = mode === 'month' && day.slice(0, 7) !== first.slice(0, 7);
        const on = itemsOn(items, day);
        return el('td', { className: outside ? 'outside' : '' }, [
          el('span', { className: 'day', textContent: String(Number(day.slice(8))) }),
          ...(on.length > 0
            ? [
                el(
                  'ul',
                  {},
                  on.map((item) => el('li', { textContent: item.kind === 'event' ? item.title : t.until(item.title) })),
                ),
              ]
            : []),
        ]);
      }),
    ),
  );
  return el('section', { className: 'calendar' }, [
    el('div', { role: 'group', ariaLabel: t.calendar }, [
      el('button', {
        type: 'button',
        textContent: t.month,
        ariaPressed: String(mode === 'month'),
        onclick: () => onMode('month'),
      }),
      el('button', {
        type: 'button',
        textContent: t.week,
        ariaPressed: String(mode === 'week'),
        onclick: () => onMode('week'),
      }),
      el('button', { type: 'button', textContent: t.previous, onclick: () => move(-1) }),
      el('button', { type: 'button', textContent: t.next, onclick: () => move(1) }),
    ]),
    el('table', {}, [
      el('caption', { textContent: title }),
      el('thead', {}, [
        el(
          'tr',
          {},
          t.weekdays.map((name) => el('th', { scope: 'col', textContent: name })),
        ),
      ]),
      el('tbody', {}, rows),
    ]),
  ]);
}

function daysInMonth(first) {
  const [year, month] = first.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function shiftMonth(first, direction) {
  const [year, month] = first.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + direction, 1)).toISOString().slice(0, 10);
}
