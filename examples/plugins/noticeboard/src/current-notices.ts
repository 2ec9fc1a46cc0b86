import type { DataApi, Filter, RecordData } from '@kiban/sdk';

/**
 * Notices on the board on `now`'s date (UTC day): started, not yet ended, for the ward or
 * for every ward. The reader's own policies apply, because the data API acts as them.
 */
export async function currentNotices(data: DataApi, now: Date, ward?: string): Promise<RecordData[]> {
  const today = now.toISOString().slice(0, 10);
  const filter: Filter = { publishFrom: { lte: today } };
  const notices = await data.list('Notice', { filter, sort: '-publishFrom', limit: 200 });
  return notices.filter(
    (notice) =>
      (notice.publishUntil === null || String(notice.publishUntil) >= today) &&
      (ward === undefined || notice.ward === null || notice.ward === ward),
  );
}
