import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { mount, recordItemChanges, settle, shadow, shadowAll, unmountAll } from '../test-support/mount.ts';
import { defineWorkflowEditor } from './index.ts';
import { inquiry, inquiryEntities, inquiryRoles, inquiryRules } from './inquiry-fixtures.ts';
import type { WorkflowMetadata } from './workflow-types.ts';

defineWorkflowEditor();

async function openInquiry(properties: Partial<HTMLElementTagNameMap['kiban-workflow-editor']> = {}) {
  return mount('kiban-workflow-editor', {
    item: inquiry,
    entities: inquiryEntities,
    roles: inquiryRoles,
    rules: inquiryRules,
    ...properties,
  });
}

const panelHeading = (editor: Element) => shadow(editor, '.panel h3').textContent?.trim();

describe('<kiban-workflow-editor> diagram', () => {
  afterEach(unmountAll);

  it('draws every state as a box and every transition as labelled arrows', async () => {
    const editor = await openInquiry();
    const states = shadowAll(editor, 'svg g.state').map((node) => node.dataset.state);
    expect(states).to.deep.equal(inquiry.states.map((state) => state.name));
    const transitions = shadowAll(editor, 'svg g.edge').map((node) => node.dataset.transition);
    expect(transitions).to.deep.equal(inquiry.transitions.map((transition) => transition.name));
    for (const transition of inquiry.transitions) {
      const edge = shadow(editor, `svg g.edge[data-transition=${transition.name}]`);
      expect(edge.querySelectorAll('path.edge-line')).to.have.length(transition.from.length);
      expect(edge.querySelector('text')?.textContent).to.equal(transition.label.ja);
    }
    expect(shadow(editor, 'g[data-state=received] .initial-mark')).to.exist;
    expect(shadow(editor, 'g[data-state=closed] .final-mark')).to.exist;
    expect(shadowAll(editor, 'g.state:not([data-state=closed]) .final-mark')).to.have.length(0);
    expect(shadow(editor, 'g[data-state=received]').getAttribute('aria-label')).to.equal(
      '受付 received（状態、最初の状態）',
    );
    expect(shadow(editor, 'g[data-transition=expire]').getAttribute('aria-label')).to.equal(
      '遷移「返答がないため完了」: 回答待ち（市民） → 完了',
    );
  });

  it('lays states out by their distance from the initial state', async () => {
    const editor = await openInquiry();
    const left = (name: string) => Number(shadow(editor, `g[data-state=${name}] rect.box`).getAttribute('x'));
    expect(left('received')).to.be.below(left('inProgress'));
    expect(left('inProgress')).to.be.below(left('waitingResident'));
    expect(left('waitingResident')).to.equal(left('answered'));
    expect(left('answered')).to.be.below(left('closed'));
  });

  it('opens the side panel from the keyboard: Tab between nodes, Enter or Space to choose', async () => {
    const editor = await openInquiry();
    shadow<SVGGElement & HTMLElement>(editor, 'g[data-state=received]').focus();
    await sendKeys({ press: 'Tab' });
    expect(editor.shadowRoot?.activeElement?.getAttribute('data-state')).to.equal('inProgress');
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(panelHeading(editor)).to.equal('状態「対応中」');
    expect(shadow(editor, 'g[data-state=inProgress]').getAttribute('aria-pressed')).to.equal('true');
    expect(shadow<HTMLInputElement>(editor, '#state-name').value).to.equal('inProgress');

    shadow<SVGGElement & HTMLElement>(editor, 'g[data-transition=answer]').focus();
    await sendKeys({ press: 'Space' });
    await settle(editor);
    expect(panelHeading(editor)).to.equal('遷移「回答する」');
    expect(shadow<HTMLSelectElement>(editor, '#transition-guard').value).to.equal('inquiry-has-answer');
  });

  it('offers the same choice in lists of states and transitions', async () => {
    const editor = await openInquiry({ language: 'en' });
    const buttons = shadowAll<HTMLButtonElement>(editor, '.lists button');
    expect(buttons).to.have.length(inquiry.states.length + inquiry.transitions.length);
    shadowAll<HTMLButtonElement>(editor, 'button.select-transition')[6].click();
    await settle(editor);
    expect(panelHeading(editor)).to.equal('Transition “Close without reply”');
    expect(shadowAll(editor, 'button.select-transition')[6].getAttribute('aria-pressed')).to.equal('true');
  });

  it('adds a state and a transition, which appear in the diagram and the panel', async () => {
    const editor = await openInquiry();
    const changes = recordItemChanges<WorkflowMetadata>(editor);
    shadow<HTMLButtonElement>(editor, 'button.add-state').click();
    await settle(editor);
    expect(shadowAll(editor, 'svg g.state')).to.have.length(6);
    expect(shadow(editor, 'g[data-state=state6] text.state-label').textContent).to.equal('新しい状態 6');
    expect(panelHeading(editor)).to.equal('状態「新しい状態 6」');
    expect(shadow(editor, '#workflow-state-field-note').textContent).to.contain('state6');

    shadow<HTMLButtonElement>(editor, 'button.add-transition').click();
    await settle(editor);
    expect(shadowAll(editor, 'svg g.edge')).to.have.length(8);
    expect(panelHeading(editor)).to.equal('遷移「新しい遷移 8」');
    const to = shadow<HTMLSelectElement>(editor, '#transition-to');
    to.value = 'state6';
    to.dispatchEvent(new Event('change'));
    await settle(editor);
    expect(changes.at(-1)?.transitions.at(-1)).to.deep.equal({
      name: 'transition8',
      label: { ja: '新しい遷移 8' },
      from: ['received'],
      to: 'state6',
    });
    expect(shadow(editor, 'g[data-transition=transition8] path.edge-line')).to.exist;
    expect(inquiry.states).to.have.length(5);
  });

  it('lists the enum fields for the state field and warns of a state its values lack', async () => {
    const editor = await openInquiry();
    const options = shadowAll<HTMLOptionElement>(editor, '#workflow-state-field option').map((option) => option.value);
    expect(options).to.deep.equal(['category', 'status', 'channel']);
    expect(editor.shadowRoot?.querySelector('#workflow-state-field-note')).to.equal(null);
    const select = shadow<HTMLSelectElement>(editor, '#workflow-state-field');
    select.value = 'category';
    select.dispatchEvent(new Event('change'));
    await settle(editor);
    expect(shadow(editor, '#workflow-state-field-note').textContent).to.contain('received, inProgress');
  });
});
