import type { PluginDefinition } from '@kiban/sdk';
import { describe, expect, it } from 'vitest';
import { KibanError } from '../errors.ts';
import type { LoadedPlugin } from './load.ts';
import { orderPlugins } from './order.ts';

const plugin = (name: string, version = '1.0.0', requires?: PluginDefinition['requires']): LoadedPlugin => ({
  definition: { name, version, ...(requires ? { requires } : {}) },
  source: name,
});

const names = (plugins: LoadedPlugin[]) => plugins.map((p) => p.definition.name);

function refusal(work: () => unknown): KibanError {
  try {
    work();
  } catch (error) {
    if (error instanceof KibanError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('orderPlugins', () => {
  it('puts every plugin after those it requires and keeps the configured order otherwise', () => {
    const ordered = orderPlugins(
      [
        plugin('chat', '1.0.0', { plugins: { identity: '^2.0.0', notify: '>=1.0.0' } }),
        plugin('payments'),
        plugin('notify', '1.2.0', { plugins: { identity: '^2.0.0' } }),
        plugin('identity', '2.1.0'),
      ],
      '0.1.0',
    );
    expect(names(ordered)).toEqual(['payments', 'identity', 'notify', 'chat']);
  });

  it('names the plugin whose engine range the engine does not satisfy', () => {
    const error = refusal(() => orderPlugins([plugin('chat', '1.0.0', { engine: '>=2.0.0' })], '0.1.0'));
    expect(error.code).toBe('plugin.requirementUnmet');
    expect(error.details).toEqual([
      expect.objectContaining({ pointer: '/chat/requires/engine', code: 'plugin.engineVersion' }),
    ]);
    expect(error.localized.en).toContain('"chat" requires engine >=2.0.0, but this engine is 0.1.0');
  });

  it('reports every missing or out-of-range plugin at once', () => {
    const error = refusal(() =>
      orderPlugins(
        [plugin('chat', '1.0.0', { plugins: { identity: '^2.0.0', notify: '*' } }), plugin('identity', '1.4.0')],
        '0.1.0',
      ),
    );
    expect(error.details.map((detail) => [detail.pointer, detail.code])).toEqual([
      ['/chat/requires/plugins/identity', 'plugin.dependencyVersion'],
      ['/chat/requires/plugins/notify', 'plugin.missingDependency'],
    ]);
  });

  it('names the plugins of a cycle, in the order they require each other', () => {
    const error = refusal(() =>
      orderPlugins(
        [
          plugin('standalone'),
          plugin('a', '1.0.0', { plugins: { b: '*' } }),
          plugin('b', '1.0.0', { plugins: { c: '*' } }),
          plugin('c', '1.0.0', { plugins: { a: '*' } }),
        ],
        '0.1.0',
      ),
    );
    expect(error.code).toBe('plugin.dependencyCycle');
    expect(error.localized.en).toContain('a → b → c → a');
  });

  it('refuses the same plugin twice', () => {
    expect(refusal(() => orderPlugins([plugin('chat'), plugin('chat', '2.0.0')], '0.1.0')).code).toBe(
      'plugin.duplicate',
    );
  });

  it('accepts pre-release engines within a range', () => {
    expect(names(orderPlugins([plugin('chat', '1.0.0', { engine: '>=0.1.0' })], '0.2.0-rc.1'))).toEqual(['chat']);
  });
});
