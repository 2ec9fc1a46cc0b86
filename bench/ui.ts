import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { EntityMetadata, FieldDefinition, FormMetadata } from '../engine/src/metadata/index.ts';
import { recordJsonSchema } from '../engine/src/metadata/index.ts';
import { startTestEngine } from '../engine/src/testing/index.ts';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { median, percentile } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';

const ROOT = resolve(import.meta.dirname, '..');
const LIBRARY_CARD = resolve(ROOT, 'examples/library-card/metadata');
const JS_BUDGET_BYTES = 100 * 1024;
const RENDER_TARGET_MS = 300;
const FIELDS = 60;
const RENDERS = 30;
const WARM_UPS = 3;

/**
 * The resident portal in headless Chromium against the engine on PGlite (library-card app):
 * 1. the JavaScript the form page `/apply` loads, summed over every script response — as
 *    transferred (the engine gzips `/ui/*`) and as gzip -9 of the decoded bodies;
 * 2. a generated 60-field form rendered by `<kiban-form>` on that page, 30 times after 3
 *    warm-ups: median and p95 from creating the element to its first layout.
 * Prints both with their targets; a missed target is reported, never a failure.
 */
export async function run(): Promise<void> {
  execFileSync(process.execPath, [resolve(ROOT, 'runtime-ui/scripts/build.ts')], { cwd: ROOT, stdio: 'inherit' });
  const host = await startTestEngine('pglite', [LIBRARY_CARD], { port: 0 });
  const server = await host.engine.listen();
  const origin = `http://127.0.0.1:${server.port}`;
  let browser: Browser | undefined;
  try {
    await host.principal('resident', 'bench-resident', ['resident']);
    browser = await launchChromium();
    const scripts = await formPageScripts(browser, origin);
    const renders = await renderTimes(browser, origin);
    report(scripts, renders);
  } finally {
    await browser?.close();
    await server.close();
    await host.close();
  }
}

interface ScriptLoad {
  url: string;
  transferred: number;
  gzipped: number;
}

async function signedInPage(browser: Browser, origin: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, locale: 'ja-JP' });
  const login = await context.request.post(`${origin}/api/auth/login`, {
    data: { username: 'bench-resident', password: 'bench-resident-password-1' },
  });
  if (login.status() !== 200) throw new Error(`sign-in answered ${login.status()}`);
  return context.newPage();
}

/** Every script the form page loads until it is ready to fill in and the network is quiet. */
async function formPageScripts(browser: Browser, origin: string): Promise<ScriptLoad[]> {
  const page = await signedInPage(browser, origin);
  const loads: Promise<ScriptLoad>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    loads.push(
      (async () => ({
        url: new URL(response.url()).pathname,
        transferred: (await response.request().sizes()).responseBodySize,
        gzipped: gzipSync(await response.body(), { level: 9 }).length,
      }))(),
    );
  });
  await page.goto(`${origin}/apply`);
  await page.locator('kiban-form select#field-branch').waitFor();
  await page.waitForLoadState('networkidle');
  const scripts = await Promise.all(loads);
  await page.context().close();
  return scripts;
}

/** A form of 60 fields over the common field types, in six sections of ten. */
function sixtyFieldForm(): { entity: EntityMetadata; form: FormMetadata } {
  const types: Partial<FieldDefinition>[] = [
    { type: 'string', maxLength: 100 },
    { type: 'kana' },
    { type: 'text' },
    { type: 'integer', min: 0, max: 100 },
    { type: 'decimal', precision: 8, scale: 2 },
    { type: 'boolean' },
    { type: 'date' },
    { type: 'email' },
    { type: 'phone' },
    { type: 'postalCode' },
    { type: 'enum', values: [1, 2, 3].map((n) => ({ value: `v${n}`, label: { ja: `選択肢${n}` } })) },
    { type: 'enum', values: [1, 2].map((n) => ({ value: `r${n}`, label: { ja: `回答${n}` } })) },
  ];
  const fields = Array.from(
    { length: FIELDS },
    (_, index) =>
      ({
        name: `field${index}`,
        label: { ja: `項目${index + 1}` },
        required: index % 4 === 0,
        ...types[index % types.length],
      }) as FieldDefinition,
  );
  const entity: EntityMetadata = { kind: 'entity', name: 'BenchForm', label: { ja: '性能測定' }, fields };
  const form: FormMetadata = {
    kind: 'form',
    name: 'bench-sixty',
    label: { ja: '60 項目の申請' },
    entity: 'BenchForm',
    sections: Array.from({ length: FIELDS / 10 }, (_, section) => ({
      name: `section${section}`,
      label: { ja: `区分${section + 1}` },
      fields: fields
        .slice(section * 10, section * 10 + 10)
        .map((field, index) => ({ field: field.name, ...(index % 12 === 11 ? { widget: 'radio' } : {}) })),
    })),
  };
  return { entity, form };
}

/**
 * Times `<kiban-form>` with the 60-field form and its record schema, from creating the element
 * to the layout after its first render. The page's Content-Security-Policy is bypassed here so
 * that the schema compiles, as it would with precompiled validators: the time includes it.
 */
async function renderTimes(browser: Browser, origin: string): Promise<number[]> {
  const page = await signedInPage(browser, origin, { bypassCSP: true });
  await page.goto(`${origin}/apply`);
  await page.locator('kiban-form select#field-branch').waitFor();
  const { entity, form } = sixtyFieldForm();
  const { $schema: _ignored, ...schema } = recordJsonSchema(entity, 'create');
  const times = await page.evaluate(
    async ({ entity, form, schema, runs }) => {
      const results: number[] = [];
      for (let run = 0; run < runs; run++) {
        localStorage.clear();
        const started = performance.now();
        const element = Object.assign(document.createElement('kiban-form'), { entity, form, recordSchema: schema });
        document.body.append(element);
        await (element as unknown as { updateComplete: Promise<boolean> }).updateComplete;
        void document.body.offsetHeight;
        results.push(performance.now() - started);
        element.remove();
      }
      return results;
    },
    { entity, form, schema, runs: WARM_UPS + RENDERS },
  );
  await page.context().close();
  return times.slice(WARM_UPS);
}

function report(scripts: ScriptLoad[], renders: number[]): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log('\nscripts loaded by /apply:');
  for (const script of scripts)
    console.log(`  ${script.url}  ${kb(script.transferred)} transferred, ${kb(script.gzipped)} gzip -9`);
  const transferred = scripts.reduce((sum, script) => sum + script.transferred, 0);
  const gzipped = scripts.reduce((sum, script) => sum + script.gzipped, 0);
  const sorted = [...renders].sort((a, b) => a - b);
  const p95 = percentile(sorted, 0.95);
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const budget = `≤ ${kb(JS_BUDGET_BYTES)}`;
  console.log(
    `\n${formatTable(
      ['measure', 'value', 'target', ''],
      [
        [
          'resident form page JavaScript, transferred',
          kb(transferred),
          budget,
          verdict(transferred <= JS_BUDGET_BYTES),
        ],
        ['resident form page JavaScript, gzip -9', kb(gzipped), budget, verdict(gzipped <= JS_BUDGET_BYTES)],
        [`${FIELDS}-field form render, median of ${RENDERS}`, ms(median(renders)), '—', ''],
        [`${FIELDS}-field form render, p95`, ms(p95), `≤ ${RENDER_TARGET_MS} ms`, verdict(p95 <= RENDER_TARGET_MS)],
      ],
    )}`,
  );
}
