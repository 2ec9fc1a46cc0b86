import { join } from 'node:path';
import { build } from 'esbuild';

/** Served by the dev server itself; test-runner-commands imports it at run time. */
const DEV_SERVER_MODULES = ['/__web-dev-server__web-socket.js'];

/**
 * Serves each spec file, and each `.page.ts` script a test page loads, as one esbuild bundle,
 * built the way `scripts/build.ts` builds the shipped pages (bare imports resolved, TypeScript
 * compiled), so the browser runs what the portals would ship.
 */
export function esbuildBundlePlugin() {
  let rootDir = '.';
  return {
    name: 'kiban-esbuild-bundle',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    async serve(context) {
      if (!context.path.endsWith('.spec.ts') && !context.path.endsWith('.page.ts')) return undefined;
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
