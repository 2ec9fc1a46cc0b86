import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildBundlePlugin } from './test/support/esbuild-bundle-plugin.js';

/**
 * Designer component tests in the Debian Chromium — the same launch as runtime-ui's. The
 * runner must never fetch a browser of its own, so it is pointed at the system binary.
 * The editors under src/editors keep their specs beside them.
 */
export default {
  files: ['test/**/*.spec.ts', 'src/editors/**/*.spec.ts'],
  rootDir: '.',
  plugins: [esbuildBundlePlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.KIBAN_CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 10_000 } },
  testsFinishTimeout: 180_000,
};
