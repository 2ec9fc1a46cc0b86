import { expect } from '@esm-bundle/chai';
import { mount, settle, shadow, typeInto, unmountAll } from '../test-support/mount.ts';
import { defineRuleEditor } from './index.ts';
import { PREVIEW_DELAY_MS } from './match-preview.ts';
import { newSegment, residentEntities } from './resident-fixtures.ts';
import type { RuleMetadata } from './rule-types.ts';

defineRuleEditor();

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A preview that records the rules it was asked about and answers when told to. */
function controlledPreview() {
  const asked: RuleMetadata[] = [];
  const answers: ((count: number) => void)[] = [];
  const fail: ((error: Error) => void)[] = [];
  const preview = (rule: RuleMetadata) => {
    asked.push(rule);
    return new Promise<{ count: number }>((resolve, reject) => {
      answers.push((count) => resolve({ count }));
      fail.push(reject);
    });
  };
  return {
    asked,
    preview,
    answer: (count: number) => answers.at(-1)?.(count),
    fail: () => fail.at(-1)?.(new Error('503')),
  };
}

async function until(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 3000) throw new Error(`Timed out waiting for ${condition}`);
    await wait(10);
  }
}

describe('<kiban-rule-editor> match count', () => {
  afterEach(unmountAll);

  it('asks once per burst of edits, after the pause, and announces the count politely', async () => {
    const server = controlledPreview();
    const editor = await mount('kiban-rule-editor', {
      item: newSegment(),
      entities: residentEntities,
      preview: server.preview,
    });
    const status = shadow(editor, '[role=status]');
    expect(status.getAttribute('aria-live')).to.equal('polite');
    await until(() => server.asked.length === 1);
    server.answer(1);
    await until(() => status.dataset.status === 'ready');
    expect(status.textContent?.trim()).to.equal('1 件が該当');

    const value = shadow<HTMLInputElement>(editor, '#node-all-0-value');
    for (const text of ['山', '山田', '山田太郎']) {
      typeInto(value, text);
      await settle(editor);
      await wait(50);
    }
    expect(status.dataset.status).to.equal('loading');
    expect(status.textContent).to.contain('数えています');
    expect(status.getAttribute('aria-busy')).to.equal('true');
    expect(server.asked).to.have.length(1);

    await wait(PREVIEW_DELAY_MS + 100);
    expect(server.asked).to.have.length(2);
    expect(server.asked[1].condition).to.deep.equal({ all: [{ fact: 'name', op: 'eq', value: '山田太郎' }] });
    server.answer(12345);
    await until(() => status.dataset.status === 'ready');
    expect(status.textContent?.trim()).to.equal('12,345 件が該当');
  });

  it('says so in English, and shows a failure instead of a stale count', async () => {
    const server = controlledPreview();
    const editor = await mount('kiban-rule-editor', {
      item: newSegment(),
      entities: residentEntities,
      preview: server.preview,
      language: 'en',
    });
    const status = shadow(editor, '[role=status]');
    await until(() => server.asked.length === 1);
    server.answer(2);
    await until(() => status.dataset.status === 'ready');
    expect(status.textContent?.trim()).to.equal('2 records match');

    editor.item = { ...newSegment(), use: 'decision' };
    await until(() => server.asked.length === 2);
    server.fail();
    await until(() => status.dataset.status === 'failed');
    expect(status.textContent).to.contain('Could not count');
    expect(status.textContent).not.to.contain('2 records');
  });

  it('drops an answer that arrives after a newer edit', async () => {
    const server = controlledPreview();
    const editor = await mount('kiban-rule-editor', {
      item: newSegment(),
      entities: residentEntities,
      preview: server.preview,
    });
    const status = shadow(editor, '[role=status]');
    await until(() => server.asked.length === 1);
    editor.item = { ...newSegment(), use: 'decision' };
    await settle(editor);
    server.answer(99);
    await wait(50);
    expect(status.dataset.status).to.equal('loading');
  });
});
