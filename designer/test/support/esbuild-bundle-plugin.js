import { join } from 'node:path';
import { build } from 'esbuild';

/** Served by the dev server itself; test-runner-commands imports it at run time. */
const DEV_SERVER_MODULES = ['/__web-dev-server__web-socket.js'];

/**
 * Monaco's chunk stays out of the spec bundles: the JSON view's tests put a stand-in editor
 * in its place, and monaco's CSS and font imports only build with `scripts/build.ts`'s
 * output settings. The real chunk is checked on the built designer (`test/built/`).
 */
const leaveMonacoOut = {
  name: 'leave-monaco-out',
  setup(build) {
    build.onResolve({ filter: /monaco-json-editor\.ts$/ }, () => ({
      path: '/__monaco-chunk-not-in-specs__.js',
      external: true,
    }));
  },
};

/**
 * Serves each spec file as one esbuild bundle, built the way `scripts/build.ts` builds the
 * designer (copied from runtime-ui's test support).
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
        plugins: [leaveMonacoOut],
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}
