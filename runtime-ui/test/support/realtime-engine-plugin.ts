import { definePlugin } from '@kiban/sdk';
import { startTestEngine, type TestEngine } from '../../../engine/src/testing/index.ts';

/**
 * A real engine for the realtime client's spec, started on first use: `GET /__realtime/setup`
 * signs a new resident in and answers the socket URL, its session token and its room;
 * `GET /__realtime/emit?room=…&text=…` emits on `ui.updates` as the plugin would.
 */
const updates = definePlugin({
  name: 'ui',
  version: '1.0.0',
  realtime: {
    channels: [{ name: 'updates', authorize: ({ actor, room }) => actor.kind === 'principal' && actor.id === room }],
  },
});

interface ServeContext {
  path: string;
  URL: URL;
}

export function realtimeEnginePlugin() {
  let running: Promise<{ test: TestEngine; port: number; close(): Promise<void> }> | undefined;
  let residents = 0;
  const start = async () => {
    const test = await startTestEngine('pglite', [], { port: 0 }, { plugins: [updates] });
    const server = await test.engine.listen();
    return { test, port: server.port, close: server.close };
  };
  return {
    name: 'kiban-realtime-engine',
    async serve(context: ServeContext) {
      if (!context.path.startsWith('/__realtime/')) return undefined;
      running ??= start();
      const { test, port } = await running;
      if (context.path === '/__realtime/setup') {
        const username = `resident-${++residents}`;
        await test.principal('resident', username, []);
        const response = await test.engine.app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: `${username}-password-1` }),
        });
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
        const me = await test.client(cookie).request('GET', '/api/auth/me');
        const body = { url: `http://127.0.0.1:${port}`, token: cookie.split('=')[1], room: me.body.principal.id };
        return { body: JSON.stringify(body), type: 'json' };
      }
      const room = context.URL.searchParams.get('room') ?? '';
      const text = context.URL.searchParams.get('text') ?? '';
      await test.engine.plugins.context('ui').realtime.emit('updates', room, 'update', { text });
      return { body: '{"sent":true}', type: 'json' };
    },
    async serverStop() {
      if (!running) return;
      const { test, close } = await running;
      await close();
      await test.close();
    },
  };
}
