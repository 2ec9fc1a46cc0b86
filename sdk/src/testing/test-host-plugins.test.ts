import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.ts';
import { isPluginError } from '../plugin-error.ts';
import { createTestHost, type TestHost } from './test-host.ts';

/** A plugin answering a search, and one that asks it through `ctx.plugins` from its route. */
const library = definePlugin({
  name: 'library',
  version: '1.0.0',
  actions: [
    {
      name: 'search',
      label: { ja: '検索' },
      input: {
        type: 'object',
        required: ['query'],
        properties: { query: { type: 'string', minLength: 1 } },
        additionalProperties: false,
      },
      handler: async (input) => ({ hits: [`「${(input as { query: string }).query}」の本`] }),
    },
  ],
});

const desk = definePlugin({
  name: 'desk',
  version: '1.0.0',
  routes(app, ctx) {
    app.get('/ask', async (c) => {
      if (!ctx.plugins.has('library')) return c.json({ source: 'none' });
      const found = await ctx.plugins.call('library', 'search', { query: c.req.query('q') ?? '' }, c.get('actor'));
      return c.json({ source: 'library', found });
    });
  },
});

describe('ctx.plugins in the test host', () => {
  let withLibrary: TestHost;
  let alone: TestHost;
  beforeAll(async () => {
    withLibrary = await createTestHost({ plugins: [library, desk] });
    alone = await createTestHost({ plugins: [desk] });
  });
  afterAll(async () => {
    await withLibrary?.close();
    await alone?.close();
  });

  it('calls the other plugin’s action as the signed-in caller, with its input checked', async () => {
    const resident = await withLibrary.signInAs('resident', 'hanako', []);
    const asked = await withLibrary.request('GET', '/api/plugins/desk/ask?q=税', { as: resident });
    expect(asked.body).toEqual({ source: 'library', found: { hits: ['「税」の本'] } });
    const empty = await withLibrary.request('GET', '/api/plugins/desk/ask?q=', { as: resident });
    expect([empty.status, empty.body.code]).toEqual([422, 'action.invalidInput']);
    const refused = await withLibrary
      .context('desk')
      .plugins.call('library', 'search', {}, resident.actor)
      .catch((error: unknown) => error);
    expect(isPluginError(refused) && refused.code).toBe('action.invalidInput');
  });

  it('tells a plugin that the other one is not running', async () => {
    const resident = await alone.signInAs('resident', 'hanako', []);
    expect((await alone.request('GET', '/api/plugins/desk/ask?q=税', { as: resident })).body).toEqual({
      source: 'none',
    });
    const absent = await alone
      .context('desk')
      .plugins.call('library', 'search', { query: '税' }, resident.actor)
      .catch((error: unknown) => error);
    expect(isPluginError(absent) && absent.code).toBe('plugin.notRunning');
  });
});
