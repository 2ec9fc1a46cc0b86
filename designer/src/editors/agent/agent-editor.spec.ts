import { expect } from '@esm-bundle/chai';
import { seriousViolations } from '../test-support/axe.ts';
import {
  choose,
  mount,
  recordItemChanges,
  settle,
  shadow,
  toggle,
  typeInto,
  unmountAll,
} from '../test-support/mount.ts';
import { defineAgentEditor } from './index.ts';
import type { AgentItem } from './kiban-agent-editor.ts';
import { runningActions } from './running-actions.ts';

defineAgentEditor();

const item: AgentItem = {
  kind: 'agent',
  name: 'moving-guide',
  label: { ja: '引っ越し案内' },
  instructions: { ja: '引っ越しの手続きだけに答えてください。' },
  knowledge: { kinds: ['faq'] },
  tools: ['reservations.book'],
  answerer: 'model',
};

describe('<kiban-agent-editor>', () => {
  afterEach(unmountAll);

  it('edits knowledge, roles, tools and limits, and drops model and tools for the extractive answerer', async () => {
    const editor = await mount('kiban-agent-editor', { item, roles: ['resident', 'concierge-editor'] });
    const changes = recordItemChanges<AgentItem>(editor);
    toggle(shadow<HTMLInputElement>(editor, '#agent-kind-article'));
    expect(changes.at(-1)?.knowledge.kinds).to.deep.equal(['faq', 'article']);
    await settle(editor);
    toggle(shadow<HTMLInputElement>(editor, '#agent-classification-public'));
    expect(changes.at(-1)?.knowledge.classifications).to.deep.equal(['public']);
    await settle(editor);
    toggle(shadow<HTMLInputElement>(editor, '#agent-role-resident'));
    expect(changes.at(-1)?.roles).to.deep.equal(['resident']);
    await settle(editor);
    const tools = shadow<HTMLTextAreaElement>(editor, '#agent-tools');
    tools.value = 'reservations.book\n knowledge.areas \n';
    tools.dispatchEvent(new Event('input'));
    expect(changes.at(-1)?.tools).to.deep.equal(['reservations.book', 'knowledge.areas']);
    await settle(editor);
    typeInto(shadow<HTMLInputElement>(editor, '#agent-maxToolCalls'), '2');
    expect(changes.at(-1)?.limits).to.deep.equal({ maxToolCalls: 2 });
    await settle(editor);
    choose(shadow<HTMLSelectElement>(editor, '#agent-answerer'), 'extractive');
    const last = changes.at(-1);
    expect(last?.answerer).to.equal('extractive');
    expect(last && 'tools' in last).to.equal(false);
    await settle(editor);
    expect(editor.shadowRoot?.querySelector('#agent-tools')).to.equal(null);
  });

  it('offers the actions running here as checkboxes, and keeps a tool that does not run here typed', async () => {
    const document = {
      paths: {
        '/api/data/book': { get: { summary: 'Books' } },
        '/api/actions/reservations.book': { post: { summary: 'Book a slot (予約する)' } },
        '/api/actions/knowledge.passages': { post: { summary: 'Passages (文章)' } },
      },
    };
    const actions = runningActions(document);
    expect(actions.map((action) => action.name)).to.deep.equal(['knowledge.passages', 'reservations.book']);
    const editor = await mount('kiban-agent-editor', {
      item: { ...item, tools: ['reservations.book', 'library.renew'] },
      runningActions: async () => actions,
    });
    await settle(editor);
    const changes = recordItemChanges<AgentItem>(editor);
    expect(shadow<HTMLInputElement>(editor, '#agent-tool-reservations-book').checked).to.equal(true);
    expect(shadow<HTMLTextAreaElement>(editor, '#agent-tools').value).to.equal('library.renew');
    toggle(shadow<HTMLInputElement>(editor, '#agent-tool-knowledge-passages'));
    expect(changes.at(-1)?.tools).to.deep.equal(['knowledge.passages', 'reservations.book', 'library.renew']);
    await settle(editor);
    toggle(shadow<HTMLInputElement>(editor, '#agent-tool-reservations-book'));
    expect(changes.at(-1)?.tools).to.deep.equal(['knowledge.passages', 'library.renew']);
    await settle(editor);
    const typed = shadow<HTMLTextAreaElement>(editor, '#agent-tools');
    typed.value = '';
    typed.dispatchEvent(new Event('input'));
    expect(changes.at(-1)?.tools).to.deep.equal(['knowledge.passages']);
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });

  it('shows each error at its control, and has no serious accessibility violations', async () => {
    const message = { ja: 'ロール「librarain」はありません。', en: 'There is no role "librarain".' };
    const editor = await mount('kiban-agent-editor', {
      item: { ...item, roles: ['librarain'] },
      roles: ['librarian'],
      errors: [
        { pointer: '/roles/0', code: 'semantic.agent.unknownRole', message },
        { pointer: '/limits/maxToolCalls', code: 'schema.maximum', message: { ja: '20 以下', en: 'at most 20' } },
      ],
    });
    await settle(editor);
    expect(editor.shadowRoot?.textContent).to.contain(message.ja);
    expect(shadow<HTMLInputElement>(editor, '#agent-maxToolCalls').getAttribute('aria-invalid')).to.equal('true');
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });
});
