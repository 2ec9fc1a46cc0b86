import { describe, expect, it } from 'vitest';
import { definePlugin, PluginDefinitionError } from './define-plugin.ts';
import { isPluginError, PluginError } from './plugin-error.ts';
import type { PluginDefinition } from './types.ts';

const problemsOf = (definition: unknown) => {
  try {
    definePlugin(definition as PluginDefinition);
  } catch (error) {
    if (error instanceof PluginDefinitionError) return error.problems.map((problem) => problem.pointer);
    throw error;
  }
  return [];
};

const action = (name: string, input: Record<string, unknown> = { type: 'object' }) => ({
  name,
  label: { ja: name },
  input,
  handler: async () => null,
});

describe('definePlugin', () => {
  it('returns a valid definition as it is', () => {
    const definition: PluginDefinition = {
      name: 'parking-permits',
      version: '1.0.0-beta.1',
      actions: [action('apply')],
    };
    expect(definePlugin(definition)).toBe(definition);
  });

  it('requires a kebab-case name and a semver version and ranges', () => {
    expect(problemsOf({ name: 'Parking_Permits', version: '1.0.0' })).toEqual(['/name']);
    expect(problemsOf({ name: 'parking-permits', version: '1.0' })).toEqual(['/version']);
    expect(
      problemsOf({ name: 'chat', version: '1.0.0', requires: { engine: 'soon', plugins: { identity: 'x y' } } }),
    ).toEqual(['/requires/engine', '/requires/plugins/identity']);
  });

  it('requires unique action and field type names and schemas that compile', () => {
    const fieldType = { name: 'slot', label: { ja: '枠' }, base: 'string', schema: { type: 'string' } };
    expect(
      problemsOf({
        name: 'chat',
        version: '1.0.0',
        actions: [action('send'), action('send'), action('greet', { type: 'objekt' })],
        fieldTypes: [fieldType, fieldType],
      }),
    ).toEqual(['/actions/1/name', '/fieldTypes/1/name', '/actions/2/input']);
  });

  it('takes storage migrations with unique ids and SQL', () => {
    const migration = { id: '001-inbox', sql: 'create table inbox (id bigint)' };
    expect(problemsOf({ name: 'inbox', version: '1.0.0', storage: { migrations: [migration] } })).toEqual([]);
    expect(problemsOf({ name: 'inbox', version: '1.0.0', storage: { migrations: [migration, migration] } })).toEqual([
      '/storage/migrations/1/id',
    ]);
    const broken = { migrations: [{ id: '../x', sql: '' }] };
    expect(problemsOf({ name: 'inbox', version: '1.0.0', storage: broken })).toEqual([
      '/storage/migrations/0/id',
      '/storage/migrations/0/sql',
    ]);
  });

  it('takes realtime channels with kebab-case, unique names, an authorize function and an optional guest check', () => {
    const authorize = () => true;
    expect(
      problemsOf({ name: 'chat', version: '1.0.0', realtime: { channels: [{ name: 'room-list', authorize }] } }),
    ).toEqual([]);
    expect(
      problemsOf({ name: 'chat', version: '1.0.0', realtime: { channels: [{ name: 'Rooms', authorize }] } }),
    ).toEqual(['/realtime/channels/0/name']);
    expect(
      problemsOf({ name: 'chat', version: '1.0.0', realtime: { channels: [{ name: 'rooms', authorize: true }] } }),
    ).toEqual(['/realtime/channels/0/authorize']);
    const withGuests = (authorizeGuest: unknown) =>
      problemsOf({
        name: 'chat',
        version: '1.0.0',
        realtime: { channels: [{ name: 'rooms', authorize, authorizeGuest }] },
      });
    expect(withGuests(() => false)).toEqual([]);
    expect(withGuests('yes')).toEqual(['/realtime/channels/0/authorizeGuest']);
    expect(
      problemsOf({
        name: 'chat',
        version: '1.0.0',
        realtime: {
          channels: [
            { name: 'rooms', authorize },
            { name: 'rooms', authorize },
          ],
        },
      }),
    ).toEqual(['/realtime/channels/1/name']);
  });

  it('names unknown members, hooks that are not functions and relative metadata directories', () => {
    expect(problemsOf({ name: 'chat', version: '1.0.0', start: 'now', colour: 'blue' })).toEqual(['/colour', '/start']);
    expect(problemsOf({ name: 'chat', version: '1.0.0', metadata: ['./metadata'] })).toEqual(['/metadata/0']);
  });

  it('takes browser code from an absolute directory, with an entry module inside it', () => {
    const ui = { dir: '/srv/plugins/maps/ui', entry: 'index.js', components: ['maps-route-planner'] };
    expect(problemsOf({ name: 'maps', version: '1.0.0', ui })).toEqual([]);
    expect(problemsOf({ name: 'maps', version: '1.0.0', ui: { ...ui, dir: 'ui' } })).toEqual(['/ui/dir']);
    expect(problemsOf({ name: 'maps', version: '1.0.0', ui: { ...ui, entry: '../secrets.js' } })).toEqual([
      '/ui/entry',
    ]);
    expect(problemsOf({ name: 'maps', version: '1.0.0', ui: { ...ui, components: ['planner'] } })).toEqual([
      '/ui/components/0',
    ]);
  });

  it('takes a step-up page below the plugin’s own public routes only', () => {
    const ui = { dir: '/srv/plugins/ids/ui', entry: 'index.js' };
    expect(problemsOf({ name: 'ids', version: '1.0.0', ui: { ...ui, stepUpPage: 'pages/sign-in' } })).toEqual([]);
    for (const stepUpPage of ['/api/public/other/sign-in', '../other/sign-in', 'https://elsewhere.example/x']) {
      expect(problemsOf({ name: 'ids', version: '1.0.0', ui: { ...ui, stepUpPage } })).toEqual(['/ui/stepUpPage']);
    }
  });

  it('lists every problem in the thrown message, naming the plugin', () => {
    expect(() => definePlugin({ name: 'chat', version: 'one' })).toThrow(
      /The plugin definition "chat" is not valid:\n {2}\/version: "one" is not semver\./,
    );
  });
});

describe('PluginError', () => {
  it('carries code, status, both messages and details, and is recognised across SDK copies by its brand', () => {
    const error = new PluginError('chat.closed', 409, { ja: '閉鎖中です。', en: 'Closed.' });
    expect(error).toMatchObject({ code: 'chat.closed', status: 409, localized: { en: 'Closed.' }, details: [] });
    expect(isPluginError(error)).toBe(true);
    expect(isPluginError({ ...error, [Symbol.for('kiban.PluginError')]: true })).toBe(true);
    expect(isPluginError(new Error('plain'))).toBe(false);
  });
});
