import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Hono, PluginHttpEnv } from '@kiban/sdk';

const require = createRequire(import.meta.url);

const FILES: Record<string, { module: string; type: string }> = {
  'leaflet.js': { module: 'leaflet/dist/leaflet-src.esm.js', type: 'text/javascript; charset=utf-8' },
  'leaflet.css': { module: 'leaflet/dist/leaflet.css', type: 'text/css; charset=utf-8' },
};

/**
 * `GET /vendor/leaflet.js|css`: the map library from the plugin's own dependency, from the
 * portal's origin (its Content-Security-Policy allows scripts and styles from itself only).
 */
export function vendorRoutes(app: Hono<PluginHttpEnv>): void {
  app.get('/vendor/:file', async (c) => {
    const file = FILES[c.req.param('file')];
    if (!file) return c.json({ code: 'notifications.notFound' }, 404);
    const body = await readFile(require.resolve(file.module), 'utf8');
    return c.body(body, 200, { 'content-type': file.type, 'cache-control': 'public, max-age=86400' });
  });
}
