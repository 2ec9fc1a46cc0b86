import type { Sql } from '../../engine/src/data/index.ts';

/** Tokyo's 23 special wards: about 435 seeded branches each, so a ward filter is selective. */
export const WARDS = [
  '千代田区',
  '中央区',
  '港区',
  '新宿区',
  '文京区',
  '台東区',
  '墨田区',
  '江東区',
  '品川区',
  '目黒区',
  '大田区',
  '世田谷区',
  '渋谷区',
  '中野区',
  '杉並区',
  '豊島区',
  '北区',
  '荒川区',
  '板橋区',
  '練馬区',
  '足立区',
  '葛飾区',
  '江戸川区',
] as const;

/**
 * Branch codes are unique and must match `^[A-Z]{3}$`: 26³ = 17,576 of them. Number n is
 * spelled in base 26; seeded rows take the first numbers, creates take the rest.
 */
export const CODE_SPACE = 26 ** 3;

export function branchCode(n: number): string {
  const letter = (value: number) => String.fromCharCode(65 + (value % 26));
  return letter(Math.floor(n / 676)) + letter(Math.floor(n / 26)) + letter(n);
}

/** Inserts `count` branches numbered 0..count-1 in one statement, then refreshes the planner's statistics. */
export async function seedBranches(sql: Sql, count: number): Promise<void> {
  await sql.run(
    `insert into app_branch (id, name, code, ward, opened_on, seats)
     select gen_random_uuid(), '分館 ' || n,
       chr(65 + (n / 676) % 26) || chr(65 + (n / 26) % 26) || chr(65 + n % 26),
       (array[?]::text[])[1 + n % ?], date '1950-01-01' + n % 25000, n % 500
     from generate_series(0, ? - 1) n`,
    [[...WARDS], WARDS.length, count],
  );
  await sql.run('analyze app_branch');
}

/** Ids of `count` seeded branches spread over the table, for get-by-id requests. */
export async function sampleBranchIds(sql: Sql, count: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>('select id from app_branch order by random() limit ?', [count]);
  return rows.map((row) => row.id);
}

/** Removes what a create round stored (seeded rows have no owner), freeing its codes for the next round. */
export async function deleteBranchesOwnedBy(sql: Sql, ownerId: string): Promise<void> {
  await sql.run('delete from app_branch where owner_id = ?', [ownerId]);
}
