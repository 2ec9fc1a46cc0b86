import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Hono, PluginHttpEnv } from '@kiban/sdk';
import { SHOP_ROLE, withRole } from './roles.ts';

let source: Promise<string> | undefined;

/**
 * `GET /scanner/jsqr.js`: the `jsQR` decoder for the shop page's camera, served from the
 * installed package (it ships as a classic script, not a module, so the page adds it with a
 * script element; the portal's CSP allows same-origin scripts).
 */
export function scannerRoute(app: Hono<PluginHttpEnv>): void {
  app.get('/scanner/jsqr.js', async (c) => {
    withRole(c.get('actor'), SHOP_ROLE);
    source ??= readFile(createRequire(import.meta.url).resolve('jsqr'), 'utf8');
    return c.body(await source, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'private, max-age=3600',
    });
  });
}
