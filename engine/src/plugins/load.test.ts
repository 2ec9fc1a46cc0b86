import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KibanError } from '../errors.ts';
import { loadPlugins } from './load.ts';

async function moduleFile(source: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiban-plugin-module-'));
  const file = join(dir, 'plugin.mjs');
  await writeFile(file, source);
  return file;
}

async function refusal(entries: string[]): Promise<KibanError> {
  const error = await loadPlugins(entries, []).catch((caught: unknown) => caught);
  if (!(error instanceof KibanError)) throw new Error(`expected a KibanError, got ${String(error)}`);
  return error;
}

describe('loadPlugins', () => {
  it('imports a path entry and takes its default export', async () => {
    const file = await moduleFile(`export default { name: 'from-path', version: '1.2.3' };`);
    const [loaded] = await loadPlugins([file], []);
    expect(loaded.definition).toMatchObject({ name: 'from-path', version: '1.2.3' });
    expect(loaded.source).toBe(file);
  });

  it('resolves a bare name to @kiban/plugin-<name> and names it when it is not installed', async () => {
    const error = await refusal(['no-such-plugin']);
    expect(error.code).toBe('plugin.notFound');
    expect(error.localized.en).toContain('"no-such-plugin"');
    expect(error.localized.en).toContain('@kiban/plugin-no-such-plugin');
  });

  it('names a plugin whose module fails while loading', async () => {
    const file = await moduleFile(`throw new Error('no config'); export default {};`);
    const error = await refusal([file]);
    expect(error.code).toBe('plugin.loadFailed');
    expect(error.localized.en).toContain('no config');
  });

  it('names a plugin whose definition is broken, with every problem', async () => {
    const file = await moduleFile(
      `export default { name: 'broken', version: 'one', actions: [{ name: 'go', label: { ja: '実行' }, input: { type: 'objekt' }, handler() {} }] };`,
    );
    const error = await refusal([file]);
    expect(error.code).toBe('plugin.invalid');
    expect(error.localized.en).toContain('"broken"');
    expect(error.details.map((detail) => detail.pointer)).toEqual(['/version', '/actions/0/input']);
  });
});
