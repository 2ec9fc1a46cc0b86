import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
} from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import { writeQrVideo } from '../../../test/e2e/support/fake-camera.ts';
import citizenCard from '../src/index.ts';
import { presentCard } from '../src/shared/present.ts';
import { SETTINGS } from './support.ts';

/** A card holder: the credential the server issued and the key their device holds. */
interface CardHolder {
  id: string;
  present(profileId: 'shelter' | 'gym'): Promise<string>;
}

/**
 * Shelter desks and the facility camera in Chromium: two desks see each other's check-ins
 * live; a desk that loses its connection keeps a pickup on the device and syncs it when the
 * connection returns, and a second pickup for the household made meanwhile at the other desk
 * turns it into a conflict for staff. The facility page reads a card's QR code from the camera.
 */
describe('shelter desks and the facility camera in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;
  let registrar: TestClient;
  let headquarters: TestClient;

  const cardHolder = async (username: string, name: string, householdId: string): Promise<CardHolder> => {
    const identity = engine.engine.plugins.context('citizen-card').identity;
    const { id } = await identity.ensurePrincipal({ kind: 'resident', username, roles: ['citizen-card-resident'] });
    const session = await identity.startSession(
      id,
      { method: 'sandbox-jpki', assurance: 'jpki' },
      { ttlSeconds: 3600 },
    );
    const pair = await generateKeyPair('ES256');
    const residentRequest = (method: string, path: string, body?: unknown) =>
      fetch(`${origin}${path}`, {
        method,
        headers: { cookie: `${session.cookieName}=${session.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    await registrar.request('POST', '/api/actions/citizen-card.recordResident', {
      body: { principalId: id, name, birthDate: '1980-05-05', ward: '東灘', householdId, status: 'resident' },
    });
    const issued = await residentRequest('POST', '/api/actions/citizen-card.issue', {
      holderKey: await exportJWK(pair.publicKey),
    });
    expect(issued.status).toBe(200);
    const { credential } = await (await residentRequest('GET', '/api/plugins/citizen-card/credential')).json();
    return {
      id,
      present: (profileId) => presentCard({ credential, holderKey: pair.privateKey, profileId, now: new Date() }),
    };
  };

  /** A desk signed in as its own staff member, on the staff portal's shelter desk page. */
  const openDesk = async (username: string): Promise<{ context: BrowserContext; page: Page }> => {
    await engine.principal('staff', username, ['citizen-card-facility']);
    const context = await browser.newContext({ locale: 'ja-JP' });
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username, password: `${username}-password-1` },
    });
    const page = await context.newPage();
    await page.goto(`${origin}/staff/plugins/citizen-card/shelter-desk`);
    await page.getByLabel('避難所', { exact: true }).selectOption({ label: '東灘 東灘小学校' });
    return { context, page };
  };

  const hand = async (page: Page, action: '受け入れる' | '物資を渡す', presentation: string) => {
    await page.getByLabel('提示内容').fill(presentation);
    await page.getByRole('button', { name: action }).click();
  };

  beforeAll(async () => {
    engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [citizenCard] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    const admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
    const settings = { ...SETTINGS, publicOrigin: origin };
    expect((await admin.request('PUT', '/api/admin/settings/citizen-card', { body: settings })).status).toBe(200);
    registrar = await engine.principal('staff', 'registrar', ['citizen-card-registrar']);
    headquarters = await engine.principal('staff', 'hq', ['citizen-card-shelter-search']);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  it('shows check-ins live on the other desk and syncs an offline pickup, listing the second one for a household', async () => {
    const mother = await cardHolder('desk-mother', '避難 花子', 'household-1');
    const son = await cardHolder('desk-son', '避難 一郎', 'household-1');
    const created = await headquarters.request('POST', '/api/actions/citizen-card.createDistribution', {
      body: { name: '食料', items: ['アルファ米'], per: 'household' },
    });
    expect(created.status).toBe(200);
    const deskA = await openDesk('desk-a');
    const deskB = await openDesk('desk-b');
    const problems: string[] = [];
    for (const { page } of [deskA, deskB]) page.on('pageerror', (error) => problems.push(error.message));

    await hand(deskA.page, '受け入れる', await son.present('shelter'));
    await deskA.page.getByText('東灘小学校 に受け入れました').waitFor();
    await deskB.page.getByRole('row', { name: '東灘 東灘小学校 1' }).waitFor();
    expect(await accessibilityViolations(deskB.page)).toEqual([]);

    for (const { page } of [deskA, deskB]) await page.getByLabel('配布 ID').fill(created.body.id);
    await deskA.context.setOffline(true);
    const [jwt, ...rest] = (await son.present('shelter')).split('~');
    await hand(deskA.page, '物資を渡す', [`${jwt}x`, ...rest].join('~'));
    await deskA.page.getByText('確認できません').waitFor();
    await hand(deskA.page, '物資を渡す', await son.present('shelter'));
    await deskA.page.getByText('この端末に受け渡しを記録しました（未送信 1 件）').waitFor();
    await hand(deskB.page, '物資を渡す', await mother.present('shelter'));
    await deskB.page.getByText('受け渡しを記録しました').waitFor();

    await deskA.context.setOffline(false);
    await deskA.page.getByText('記録 0 件、重複などで確認が必要 1 件').waitFor();
    expect(await deskA.page.getByRole('button', { name: '今すぐ送信する' }).count()).toBe(0);
    const conflicts = await headquarters.request('POST', '/api/actions/citizen-card.pickupConflicts', {
      body: { distributionId: created.body.id },
    });
    expect(conflicts.body.items).toEqual([expect.objectContaining({ principalId: son.id, reason: 'alreadyPickedUp' })]);
    expect(problems).toEqual([]);
    await deskA.context.close();
    await deskB.context.close();
  }, 240_000);

  it("verifies a card read by the facility page's camera", async () => {
    const holder = await cardHolder('camera-holder', '撮影 太郎', 'household-3');
    const video = join(await mkdtemp(join(tmpdir(), 'kiban-camera-')), 'card.y4m');
    await writeQrVideo(video, await holder.present('gym'), { width: 1280, height: 960 });
    const cameraBrowser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await cameraBrowser.newContext({ locale: 'ja-JP', permissions: ['camera'] });
      const page = await context.newPage();
      await page.goto(`${origin}/api/public/citizen-card/offline/verify`);
      await page.getByText('失効情報の取得から').waitFor();
      await page.getByLabel('提示先').selectOption('gym');
      await page.getByRole('button', { name: 'カメラで読み取る' }).click();
      await page.getByText('有効なカードです').waitFor();
      expect(await page.getByText('18 歳以上').count()).toBe(1);
      expect(await page.getByText('氏名').count()).toBe(0);
    } finally {
      await cameraBrowser.close();
    }
  }, 180_000);
});
