import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../src/index.ts';

const POST = '/api/actions/noticeboard.post';
const CURRENT = '/api/plugins/noticeboard/current';
const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

describe('the noticeboard example plugin', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({ plugins: [plugin] });
  });
  afterAll(() => host?.close());

  it('lets an editor post notices and residents read what is on the board today', async () => {
    const editor = await host.signInAs('staff', 'editor', ['noticeboard-staff']);
    const posted = await editor.request('POST', POST, {
      body: { title: '粗大ごみの収集日変更', body: '12月の収集日が変わります。', ward: '北区', publishFrom: today },
    });
    expect(posted.status).toBe(200);
    await editor.request('POST', POST, { body: { title: '来週のお知らせ', body: '準備中', publishFrom: tomorrow } });
    await editor.request('POST', POST, {
      body: { title: '南区の工事', body: '道路工事', ward: '南区', publishFrom: today },
    });

    const resident = await host.signInAs('resident', 'hanako', ['noticeboard-reader']);
    const board = await resident.request('GET', `${CURRENT}?ward=${encodeURIComponent('北区')}`);
    expect(board.status).toBe(200);
    expect(board.body.items.map((notice: { title: string }) => notice.title)).toEqual(['粗大ごみの収集日変更']);
  });

  it('checks the action input and who may post', async () => {
    const editor = await host.signInAs('staff', 'editor-2', ['noticeboard-staff']);
    const invalid = await editor.request('POST', POST, { body: { title: '', body: 'x', publishFrom: '2026-13-01' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/publishFrom',
      '/title',
    ]);
    const resident = await host.signInAs('resident', 'taro', ['noticeboard-reader']);
    expect((await resident.request('POST', POST, { body: { title: 'x', body: 'x', publishFrom: today } })).status).toBe(
      403,
    );
    expect((await host.request('GET', CURRENT)).status).toBe(401);
  });
});
