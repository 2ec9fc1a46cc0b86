import { requestJson } from '../../api/client.ts';

/** The city's ward boundaries for map charts (`GET /api/reports/map`). */
export interface WardMap {
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  nameProperty: string;
}

const loaded = new Map<string, Promise<WardMap | null>>();

/**
 * The ward map, fetched once per API base; null when none is set or it cannot be had — a map
 * chart then leaves its place to the data table, never to a broken chart.
 */
export function loadWardMap(apiBase: string): Promise<WardMap | null> {
  let map = loaded.get(apiBase);
  if (!map) {
    map = requestJson<WardMap>('/api/reports/map', { apiBase }).catch(() => {
      loaded.delete(apiBase);
      return null;
    });
    loaded.set(apiBase, map);
  }
  return map;
}
