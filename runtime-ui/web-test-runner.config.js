import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildBundlePlugin } from './test/support/esbuild-bundle-plugin.js';
import { realtimeEnginePlugin } from './test/support/realtime-engine-plugin.ts';

/**
 * Component tests in the Debian Chromium. The runner must never fetch a browser of its own,
 * so the launcher is pointed at the system binary.
 */
export default {
  files: ['test/**/*.spec.ts'],
  rootDir: '.',
  plugins: [esbuildBundlePlugin(), realtimeEnginePlugin()],
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
  testsFinishTimeout: 120_000,
};
