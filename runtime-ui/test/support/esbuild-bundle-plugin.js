import { join } from 'node:path';
import { build } from 'esbuild';

/** Served by the dev server itself; test-runner-commands imports it at run time. */
const DEV_SERVER_MODULES = ['/__web-dev-server__web-socket.js'];

/**
 * Serves each spec file as one esbuild bundle, built the way `scripts/build.ts` builds the
 * shipped pages. Bundling (rather than serving modules one by one) is what lets the
 * CommonJS packages ajv and ajv-formats run in the browser unchanged.
 */
export function esbuildBundlePlugin() {
  let rootDir = '.';
  return {
    name: 'kiban-esbuild-bundle',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    async serve(context) {
      if (!context.path.endsWith('.spec.ts')) return undefined;
      const result = await build({
        entryPoints: [join(rootDir, context.path)],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        write: false,
        sourcemap: 'inline',
        external: DEV_SERVER_MODULES,
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
