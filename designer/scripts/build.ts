/**
 * Bundles the designer into `dist/` (served by the engine at `/designer/assets/*`):
 * `designer.html`, `designer.js` and its chunks under `chunks/`, monaco's chunk (imported
 * only when the JSON view opens) with its CSS as `monaco.css` and fonts under `assets/`, and
 * monaco's workers as same-origin files under `workers/`. Prints what the designer loads up
 * front and what the JSON view adds, gzipped, and fails if monaco leaks into the up-front set.
 * `npm run build -w designer`.
 */
import { copyFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { publishedMetafile, stageDist } from '../../runtime-ui/scripts/staged-dist.ts';
import { designerHtml } from './designer-html.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staged = stageDist(root);
const outdir = staged.path;

const result = await build({
  entryPoints: { designer: join(root, 'src/designer.ts') },
  absWorkingDir: root,
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.ttf': 'file' },
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  // metadata/schema/package.json is the package manifest's JSON Schema, not an npm manifest.
  logOverride: { 'package.json': 'silent' },
});
// Monaco's CSS comes out beside its chunk; the chunk links `../monaco.css` into the editor's shadow root.
const monacoCss = Object.keys(result.metafile.outputs).find(
  (output) => output.endsWith('.css') && output.includes('monaco-json-editor'),
);
if (!monacoCss) throw new Error('monaco CSS missing from the build');
renameSync(join(root, monacoCss), join(outdir, 'monaco.css'));
// esbuild also gathers every reachable CSS into each entry's and chunk's own file; only monaco.css is used.
for (const output of Object.keys(result.metafile.outputs)) {
  if (output !== monacoCss && /\.css(\.map)?$/.test(output)) rmSync(join(root, output), { force: true });
}
rmSync(join(root, `${monacoCss}.map`), { force: true });

await build({
  entryPoints: {
    'workers/editor.worker': 'monaco-editor/editor/editor.worker.js',
    'workers/json.worker': 'monaco-editor/language/json/json.worker.js',
  },
  absWorkingDir: root,
  outdir,
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
writeFileSync(join(outdir, 'meta.json'), publishedMetafile(result.metafile, staged));
copyFileSync(join(root, 'src/designer.css'), join(outdir, 'designer.css'));
writeFileSync(join(outdir, 'designer.html'), designerHtml());

/** An output and every chunk it imports statically (and, with `dynamic`, lazily too). */
function closure(metafile: Metafile, output: string, dynamic = false, seen = new Set<string>()): Set<string> {
  seen.add(output);
  for (const { path, kind } of metafile.outputs[output]?.imports ?? []) {
    const follow = kind === 'import-statement' || (dynamic && kind === 'dynamic-import' && path.endsWith('.js'));
    if (follow && !seen.has(path)) closure(metafile, path, dynamic, seen);
  }
  return seen;
}

const gzipped = (output: string) => gzipSync(readFileSync(join(root, output)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const total = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + gzipped(file), 0);
const usesMonaco = (output: string) =>
  Object.keys(result.metafile.outputs[output]?.inputs ?? {}).some((input) => input.includes('monaco-editor'));

const upFront = closure(result.metafile, `${staged.name}/designer.js`);
console.log(`dist/designer.html loads ${kb(total(upFront))} of JavaScript gzipped up front in ${upFront.size} files`);
const monacoEntry = Object.keys(result.metafile.outputs).find(
  (output) => output.endsWith('.js') && output.includes('monaco-json-editor'),
);
if (monacoEntry) {
  const lazy = [...closure(result.metafile, monacoEntry, true)].filter((file) => !upFront.has(file));
  const workers = [`${staged.name}/workers/editor.worker.js`, `${staged.name}/workers/json.worker.js`];
  console.log(
    `the JSON view adds ${kb(total(lazy) + gzipped(`${staged.name}/monaco.css`))} (monaco, ${lazy.length} files + CSS) and workers ${kb(total(workers))}`,
  );
}
if ([...upFront].some(usesMonaco)) {
  console.error('monaco-editor is in the up-front bundle: it must load only when the JSON view opens.');
  process.exitCode = 1;
}

staged.publish();
