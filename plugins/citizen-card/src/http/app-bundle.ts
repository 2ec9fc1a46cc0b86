import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('../../ui-src/app.ts', import.meta.url));

let bundle: Promise<string> | undefined;

/**
 * The browser code as one ES module, bundled once per process: the card, the facility check
 * and the shelter desk share the verification module the server runs (`src/shared`).
 */
export function appBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    // Lit's reactive properties are accessors on the prototype: class fields must not shadow them.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  }).then((result) => result.outputFiles[0]?.text ?? '');
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}
