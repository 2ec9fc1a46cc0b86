import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { withUiBuildLock } from '../../../test/e2e/support/portal-server.ts';
import { aiConciergePlugin } from '../../ai-concierge/src/index.ts';
import { createCrmPlugin } from '../../crm/src/index.ts';
import { knowledgePlugin } from '../../knowledge/src/index.ts';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SYSTEM = { kind: 'system' } as const;
const DEPARTMENT = '子育て支援課';
const QUESTION = '子どもが 生まれました。児童手当の もうしこみは どこで しますか。';
const OPERATOR_REPLY = '子育て支援課の たんとうに つなぎます。すこし まって ください。';
const DEPARTMENT_REPLY =
  '児童手当は 区役所の 子育て支援課で もうしこみます。生まれた 日の つぎの 日から 15日 いないです。';

/**
 * The whole path of a question through the three tiers, in Chromium, with a screenshot of each
 * step (written to `test-output/screenshots/`, which git ignores): a resident asks in やさしい日本語,
 * the AI concierge finds nothing it may tell a resident (the only answer is staff knowledge) and
 * offers a person; the resident asks for one and shares their profile; an operator accepts in
 * the console, sees the transcript, the profile and a suggestion from the knowledge base, puts
 * it in the reply, answers and transfers to the 子育て支援課 queue with a note; a member of that
 * department accepts, sees everything before them, answers and opens a CRM case; the case in
 * the CRM holds the whole conversation. Every page free of WCAG 2.1 AA violations.
 */
describe('a question from the AI to an operator to the department and into the CRM, in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function signedInPage(username: string, path: string, width = 1200): Promise<Page> {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width, height: 1000 } });
    contexts.push(context);
    await context.request.post(`${origin}/api/auth/login`, { data: { username, password: `${username}-password-1` } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}${path}`);
    return page;
  }

  beforeAll(async () => {
    await withUiBuildLock(() => {
      execFileSync(process.execPath, [resolve(ROOT, 'runtime-ui/scripts/build.ts')], { cwd: ROOT, stdio: 'pipe' });
      execFileSync(process.execPath, [resolve(ROOT, 'plugins/crm/scripts/build-ui.ts')], { cwd: ROOT, stdio: 'pipe' });
    });
    engine = await startTestEngine(
      'pglite',
      [],
      { port: 0 },
      { plugins: [createContactCenterPlugin(), knowledgePlugin(), aiConciergePlugin(), createCrmPlugin()] },
    );
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    // Staff knowledge: the operator's suggestions find it, the resident's AI tier may not.
    await engine.engine.plugins.context('knowledge').data(SYSTEM).create('KnowledgeFaq', {
      externalId: 'jido-teate-staff',
      question: '児童手当の申請はどこでしますか。',
      answer: '児童手当は、お子さんが生まれた日の翌日から15日以内に、お住まいの区役所の子育て支援課で申請します。',
      classification: 'staff',
      status: 'published',
    });
    await engine.engine.plugins.settled();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  it('carries the conversation through every tier and into a CRM case', async () => {
    const supervisor = await engine.principal('staff', 'journey-supervisor', [ROLE.supervisor]);
    const operator = await engine.principal('staff', 'journey-sato', [ROLE.operator]);
    const member = await engine.principal('staff', 'journey-tanaka', [ROLE.department, 'crm-staff'], {
      department: DEPARTMENT,
    });
    const resident = await engine.principal('resident', 'journey-hanako', [ROLE.resident]);
    expect((await resident.request('PUT', '/api/profile', { body: { displayName: '札幌 花子' } })).status).toBe(200);
    const idOf = async (client: typeof operator) => (await client.request('GET', '/api/auth/me')).body.principal.id;
    const configure = (name: string, body: unknown) =>
      supervisor.request('POST', `/api/actions/contact-center.${name}`, { body });
    expect(
      (
        await configure('configureQueue', {
          code: 'kosodate',
          label: { ja: DEPARTMENT },
          tier: 'department',
          skill: 'kosodate',
          department: DEPARTMENT,
        })
      ).status,
    ).toBe(200);
    for (const [client, displayName, skill] of [
      [operator, '佐藤', 'general'],
      [member, '田中', 'kosodate'],
    ] as const) {
      const configured = await configure('configureOperator', {
        principal: await idOf(client),
        displayName,
        capacity: 3,
        skills: [skill],
      });
      expect(configured.status).toBe(200);
    }

    // 1. The resident asks in やさしい日本語; the AI tier finds nothing it may tell them and offers a person.
    const chat = await signedInPage('journey-hanako', '/chat', 900);
    await chat.getByRole('combobox', { name: /Language/ }).selectOption({ label: 'やさしい にほんご' });
    await chat.getByRole('button', { name: 'チャットを はじめる' }).click();
    await chat.getByText('AI が こたえて います').waitFor();
    await chat.getByLabel('メッセージ').fill(QUESTION);
    await chat.getByRole('button', { name: 'おくる' }).click();
    await chat.getByText(/お答えできる情報が見つかりませんでした/).waitFor();
    expect(await chat.getByText(/15日以内/).count()).toBe(0);
    expect(await accessibilityViolations(chat)).toEqual([]);
    await screenshot(chat, 'contact-center-journey-1-ai-cannot-answer');

    // 2. The resident asks for a person and shares their profile with whoever answers.
    await chat.getByLabel('わたしの とうろく じょうほうを たんとうの ひとに みせる').check();
    await chat.getByRole('button', { name: 'しやくしょの ひとと はなしたい' }).click();
    await chat.getByText('じゅんばんに こたえます。まって ください。').waitFor();
    await chat.getByText(/オペレーターにおつなぎします/).waitFor();
    await screenshot(chat, 'contact-center-journey-2-resident-asks-for-a-person');

    // 3. An operator accepts in the console: the transcript, the shared profile and a suggestion.
    const console = await signedInPage('journey-sato', '/staff/plugins/contact-center/console');
    await console.getByLabel('在席状態').selectOption('busy');
    await console.getByRole('button', { name: '受ける（general）' }).click();
    const transcript = console.getByRole('region', { name: '会話の記録' });
    await transcript.getByText(QUESTION, { exact: true }).waitFor();
    await transcript.getByText(/お答えできる情報が見つかりませんでした/).waitFor();
    await console.getByText('札幌 花子').waitFor();
    const suggestion = console.getByRole('listitem').filter({ hasText: 'ナレッジ: 児童手当の申請はどこでしますか。' });
    await suggestion.waitFor();
    await suggestion.getByRole('button', { name: '返信欄に入れる' }).click();
    expect(await console.getByLabel('返信').inputValue()).toContain('子育て支援課で申請します');
    expect(await accessibilityViolations(console)).toEqual([]);
    await screenshot(console, 'contact-center-journey-3-operator-sees-transcript-and-suggestion');

    // 4. The operator edits the reply, sends it and transfers to the 子育て支援課 queue with a note.
    await console.getByLabel('返信').fill(OPERATOR_REPLY);
    await console.getByRole('button', { name: '送信' }).click();
    await chat.getByText(OPERATOR_REPLY).waitFor();
    await chat.getByText('たんとうの ひと：佐藤').waitFor();
    await console.getByLabel('転送先のキュー').selectOption({ label: `${DEPARTMENT}（担当課）` });
    await console.getByLabel('メモ（引き継ぎ先に渡す）').fill('出生の届けは済み。児童手当の申請先の確認です。');
    await console.getByRole('button', { name: '転送' }).click();
    await console.getByRole('region', { name: '会話の記録' }).waitFor({ state: 'hidden' });
    await chat.getByText(/担当課の職員におつなぎします/).waitFor();
    await chat.getByText('じゅんばんに こたえます。まって ください。').waitFor();
    await screenshot(chat, 'contact-center-journey-4-transferred-to-the-department');

    // 5. A member of the department accepts, sees everything before them and the note, and answers.
    const department = await signedInPage('journey-tanaka', '/staff/plugins/contact-center/console');
    await department.getByLabel('在席状態').selectOption('busy');
    await department.getByRole('button', { name: '受ける（kosodate）' }).click();
    const departmentTranscript = department.getByRole('region', { name: '会話の記録' });
    for (const line of [QUESTION, OPERATOR_REPLY])
      await departmentTranscript.getByText(line, { exact: false }).first().waitFor();
    await departmentTranscript.getByText(/お答えできる情報が見つかりませんでした/).waitFor();
    await department.getByText('出生の届けは済み。児童手当の申請先の確認です。').waitFor();
    await department.getByText('札幌 花子').waitFor();
    await department.getByLabel('返信').fill(DEPARTMENT_REPLY);
    await department.getByRole('button', { name: '送信' }).click();
    await chat.getByText(DEPARTMENT_REPLY).waitFor();
    await chat.getByText('たんとうの か：田中').waitFor();
    expect(await accessibilityViolations(chat)).toEqual([]);
    await screenshot(chat, 'contact-center-journey-5-department-answers');

    // 6. The department member opens a CRM case from the conversation.
    await department.getByLabel('案件の件名').fill('児童手当の申請先');
    await department.getByLabel('分類').fill('childcare');
    await department.getByLabel('担当部署').fill(DEPARTMENT);
    await department.getByRole('button', { name: 'CRM の案件にする' }).click();
    await department.getByText('案件を作成しました').waitFor();
    expect(await accessibilityViolations(department)).toEqual([]);
    await screenshot(department, 'contact-center-journey-6-department-opens-a-case');

    // 7. The case is in the CRM with the whole conversation, every tier's lines in order.
    const crm = await signedInPage('journey-tanaka', '/staff/plugins/crm/cases');
    await crm.getByRole('link', { name: '児童手当の申請先' }).click();
    await crm.getByRole('heading', { name: '児童手当の申請先' }).waitFor();
    const body = crm.getByText(/児童手当の もうしこみは/);
    await body.waitFor();
    const text = (await body.textContent()) ?? '';
    const order = [QUESTION, 'お答えできる情報が見つかりませんでした', 'オペレーターにおつなぎします', OPERATOR_REPLY];
    for (const line of [...order, '担当課の職員におつなぎします', DEPARTMENT_REPLY, '（佐藤）', '（田中）'])
      expect(text).toContain(line);
    const positions = [...order, DEPARTMENT_REPLY].map((line) => text.indexOf(line));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(await accessibilityViolations(crm)).toEqual([]);
    await screenshot(crm, 'contact-center-journey-7-case-in-the-crm');
    expect(problems).toEqual([]);
  }, 300_000);
});
