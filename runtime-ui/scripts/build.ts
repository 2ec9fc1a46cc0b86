/**
 * Bundles the two portals into `dist/` — `resident.html` + `resident.js`, `staff.html` +
 * `staff.js`, shared and lazily loaded chunks under `dist/chunks/`, `portal.css`, and
 * `realtime.js` (the realtime connection for plugin elements outside the portals) — and
 * prints what each page loads up front, gzipped. The resident budget (100 KB gzipped) is
 * about what a resident's form page downloads. `npm run build -w runtime-ui`.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { portalHtml } from './portal-html.ts';
import { publishedMetafile, stageDist } from './staged-dist.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staged = stageDist(root);
const outdir = staged.path;
const RESIDENT_BUDGET_BYTES = 100 * 1024;

const result = await build({
  entryPoints: {
    resident: join(root, 'src/resident.ts'),
    staff: join(root, 'src/staff.ts'),
    // For plugin elements outside the portals (an anonymous visitor's chat on another page).
    realtime: join(root, 'src/realtime/standalone.ts'),
  },
  // Output paths in the metafile are then relative to this package, wherever the build runs from.
  absWorkingDir: root,
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(outdir, 'meta.json'), publishedMetafile(result.metafile, staged));
copyFileSync(join(root, 'src/portal/portal.css'), join(outdir, 'portal.css'));
writeFileSync(
  join(outdir, 'resident.html'),
  portalHtml({ script: 'resident.js', tag: 'kiban-resident-app', title: 'portal.residentTitle' }),
);
writeFileSync(
  join(outdir, 'staff.html'),
  portalHtml({ script: 'staff.js', tag: 'kiban-staff-app', title: 'portal.staffTitle' }),
);

/** An entry and every chunk it imports statically: what a page loads before it can render. */
function upFront(metafile: Metafile, output: string, seen = new Set<string>()): Set<string> {
  seen.add(output);
  for (const { path, kind } of metafile.outputs[output]?.imports ?? []) {
    if (kind === 'import-statement' && !seen.has(path)) upFront(metafile, path, seen);
  }
  return seen;
}

const gzipped = (output: string) => gzipSync(readFileSync(join(root, output)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
for (const entry of ['resident', 'staff']) {
  const files = upFront(result.metafile, `${staged.name}/${entry}.js`);
  const total = [...files].reduce((sum, file) => sum + gzipped(file), 0);
  const budget = entry === 'resident' ? ` (budget ${kb(RESIDENT_BUDGET_BYTES)})` : '';
  console.log(`dist/${entry}.html loads ${kb(total)} of JavaScript gzipped up front in ${files.size} files${budget}`);
  if (entry === 'resident' && total > RESIDENT_BUDGET_BYTES) {
    console.error('The resident portal is over its JavaScript budget.');
    process.exitCode = 1;
  }
}

staged.publish();
