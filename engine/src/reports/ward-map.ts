import type { JsonSchema, PluginDefinition } from '@kiban/sdk';
import type { Sql } from '../data/index.ts';
import { readSettings } from '../settings/index.ts';

/** The engine's own settings section for reports, beside the plugins' (`/api/admin/settings/reports`). */
export const REPORT_SETTINGS_SECTION = 'reports';

/** At most this many wards (features): a city map, not a national one. */
const MAX_FEATURES = 500;

const schema: JsonSchema = {
  type: 'object',
  properties: {
    wardMap: {
      description:
        '区境界の GeoJSON（FeatureCollection）。地図のグラフはこれで区を塗り分けます。/ The ward boundaries as a GeoJSON FeatureCollection, which map charts colour.',
      type: 'object',
      required: ['type', 'features'],
      properties: {
        type: { const: 'FeatureCollection' },
        features: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_FEATURES,
          items: {
            type: 'object',
            required: ['type', 'geometry', 'properties'],
            properties: {
              type: { const: 'Feature' },
              geometry: {
                type: 'object',
                required: ['type', 'coordinates'],
                properties: { type: { enum: ['Polygon', 'MultiPolygon'] }, coordinates: { type: 'array' } },
              },
              properties: { type: 'object' },
            },
          },
        },
      },
    },
    wardNameProperty: {
      description:
        '地物の区名を持つプロパティ（既定は name）。レポートの区の表示名と照合します。/ The feature property holding the ward name (name by default), matched against the report’s ward labels.',
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
  },
  additionalProperties: false,
};

/** Declared like a plugin's settings, so that the settings API and screens serve it the same way. */
export const REPORT_SETTINGS: PluginDefinition = {
  name: REPORT_SETTINGS_SECTION,
  version: '1.0.0',
  settings: { schema },
};

export interface WardMap {
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  nameProperty: string;
}

/** The ward map the city set, or null when none is. */
export async function readWardMap(sql: Sql, key: Buffer): Promise<WardMap | null> {
  const settings = await readSettings(sql, key, REPORT_SETTINGS_SECTION);
  const geojson = settings.wardMap as WardMap['geojson'] | undefined;
  if (!geojson) return null;
  return { geojson, nameProperty: typeof settings.wardNameProperty === 'string' ? settings.wardNameProperty : 'name' };
}
