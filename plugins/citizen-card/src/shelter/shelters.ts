import { readFile } from 'node:fs/promises';
import type { Actor, PluginContext } from '@kiban/sdk';
import { parse } from 'csv-parse/sync';

/** The shelter list the plugin ships: Kobe City's indoor shelters (open data, see data/README.md). */
export const BUNDLED_SHELTERS = new URL('../../data/kobe-indoor-shelters.csv', import.meta.url);

export interface Shelter {
  id: string;
  ward: string;
  name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

/** The rows of a shelter list in the city's format that open as a shelter (避難所の利用 ○). */
export function parseShelters(csv: string): Shelter[] {
  const rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return rows
    .filter((row) => row.避難所の利用 === '○' && row.名称)
    .map((row) => ({
      id: `kobe-${row['№']}`,
      ward: row.区 ?? '',
      name: row.名称 ?? '',
      address: row.住所 ?? '',
      latitude: row.緯度 ? Number(row.緯度) : null,
      longitude: row.経度 ? Number(row.経度) : null,
    }));
}

/** Adds or updates shelters by id (a stay keeps pointing at its shelter). */
export async function loadShelters(ctx: PluginContext, actor: Actor, csv: string): Promise<number> {
  const shelters = parseShelters(csv);
  await ctx.transaction(actor, async () => {
    await ctx.sql.query(
      `insert into shelter (id, ward, name, address, latitude, longitude)
       select id, ward, name, address, latitude, longitude from jsonb_to_recordset($1::jsonb)
         as s(id text, ward text, name text, address text, latitude double precision, longitude double precision)
       on conflict (id) do update set ward = excluded.ward, name = excluded.name, address = excluded.address,
         latitude = excluded.latitude, longitude = excluded.longitude`,
      [JSON.stringify(shelters)],
    );
    await ctx.audit({ actor, action: 'citizen-card.shelters.loaded', details: { count: shelters.length } });
  });
  return shelters.length;
}

export async function loadBundledShelters(ctx: PluginContext, actor: Actor): Promise<number> {
  return loadShelters(ctx, actor, await readFile(BUNDLED_SHELTERS, 'utf8'));
}
