import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';

/** Two wards as squares: enough for a choropleth to tell them apart. */
const WARDS = {
  type: 'FeatureCollection',
  features: [
    ['中央区', 0],
    ['北区', 1],
  ].map(([name, x]) => ({
    type: 'Feature',
    properties: { name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 0],
          [Number(x) + 1, 0],
          [Number(x) + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ],
    },
  })),
};

/** The ward map for map charts is the city's, set with the other settings, and served to report readers. */
describe.each(testDatabaseKinds())('the ward map on %s', (kind) => {
  let test: TestEngine;
  let admin: TestClient;
  let staff: TestClient;

  beforeAll(async () => {
    test = await startTestEngine(kind, []);
    admin = await test.signIn('admin', TEST_ADMIN_PASSWORD);
    staff = await test.principal('staff', 'analyst', []);
  });
  afterAll(() => test?.close());

  it('answers 404 until a map is set, then the map and its name property', async () => {
    const none = await staff.request('GET', '/api/reports/map');
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('reports.noMap');
    const saved = await admin.request('PUT', '/api/admin/settings/reports', {
      body: { wardMap: WARDS, wardNameProperty: 'name' },
    });
    expect(saved.status).toBe(200);
    const map = await staff.request('GET', '/api/reports/map');
    expect(map.status).toBe(200);
    expect(map.body.nameProperty).toBe('name');
    expect(
      map.body.geojson.features.map((feature: { properties: { name: string } }) => feature.properties.name),
    ).toEqual(['中央区', '北区']);
  });

  it('refuses what is not a FeatureCollection of polygons and keeps the map it had', async () => {
    const bad = await admin.request('PUT', '/api/admin/settings/reports', {
      body: {
        wardMap: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } }],
        },
      },
    });
    expect(bad.status).toBe(422);
    const map = await staff.request('GET', '/api/reports/map');
    expect(map.body.geojson.features).toHaveLength(2);
  });
});
