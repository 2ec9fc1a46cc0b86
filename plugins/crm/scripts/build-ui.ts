/**
 * Bundles the staff pages (`ui-src/`, Lit) into `build/ui/index.js`, the module the portals
 * import from `/ui/plugins/crm/index.js`. `npm run build -w @kiban/plugin-crm`; `npm start` runs it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'build/ui');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { index: join(root, 'ui-src/index.ts') },
  absWorkingDir: root,
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
