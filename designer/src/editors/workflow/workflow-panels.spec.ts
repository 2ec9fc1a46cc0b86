import { expect } from '@esm-bundle/chai';
import {
  choose,
  mount,
  recordItemChanges,
  settle,
  shadow,
  shadowAll,
  toggle,
  typeInto,
  unmountAll,
} from '../test-support/mount.ts';
import { defineWorkflowEditor } from './index.ts';
import { inquiry, inquiryEntities, inquiryRoles, inquiryRules } from './inquiry-fixtures.ts';
import type { WorkflowMetadata } from './workflow-types.ts';

defineWorkflowEditor();

type Editor = HTMLElementTagNameMap['kiban-workflow-editor'];

async function openInquiry() {
  return mount('kiban-workflow-editor', {
    item: inquiry,
    entities: inquiryEntities,
    roles: inquiryRoles,
    rules: inquiryRules,
  });
}

async function select(editor: Editor, selector: string) {
  shadow(editor, selector).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  await settle(editor);
}

async function pick(editor: Editor, id: string, value: string) {
  choose(shadow<HTMLSelectElement>(editor, `#${id}`), value);
  await settle(editor);
}

async function type(editor: Editor, id: string, text: string) {
  typeInto(shadow<HTMLInputElement>(editor, `#${id}`), text);
  await settle(editor);
}

async function press(editor: Editor, selector: string) {
  shadow<HTMLButtonElement>(editor, selector).click();
  await settle(editor);
}

describe('<kiban-workflow-editor> side panel', () => {
  afterEach(unmountAll);

  it('edits a transition: guard, roles, comment and actions of every kind', async () => {
    const editor = await openInquiry();
    const changes = recordItemChanges<WorkflowMetadata>(editor);
    await select(editor, 'g[data-transition=reply]');

    await pick(editor, 'transition-guard', 'inquiry-urgent');
    toggle(shadow<HTMLInputElement>(editor, '#transition-roles input[value=inquiry-supervisor]'));
    await settle(editor);
    toggle(shadow<HTMLInputElement>(editor, '#transition-comment'));
    await settle(editor);

    await press(editor, 'button.add-action');
    await press(editor, 'fieldset[data-pointer="/transitions/2/actions/0"] .add-value');
    await pick(editor, 'transition-actions-0-values-key-0', 'answeredAt');
    await type(editor, 'transition-actions-0-values-value-0', '$now');

    await press(editor, 'button.add-action');
    await pick(editor, 'transition-actions-1-type', 'callAction');
    await type(editor, 'transition-actions-1-action', 'mailer.send');

    await press(editor, 'button.add-action');
    await pick(editor, 'transition-actions-2-type', 'emitEvent');
    await type(editor, 'transition-actions-2-event', 'replied');

    await press(editor, 'button.add-action');
    await pick(editor, 'transition-actions-3-type', 'notify');
    await pick(editor, 'transition-actions-3-to-kind', 'role');
    await pick(editor, 'transition-actions-3-to-value', 'inquiry-desk');
    await type(editor, 'transition-actions-3-message-ja', '市民から返答がありました。');

    await press(editor, 'button.add-action');
    await pick(editor, 'transition-actions-4-type', 'createRecord');
    await press(editor, 'fieldset[data-pointer="/transitions/2/actions/4"] .add-value');
    await type(editor, 'transition-actions-4-values-value-0', '返答あり');

    expect(changes.at(-1)?.transitions[2]).to.deep.equal({
      name: 'reply',
      label: { ja: '返答する', en: 'Reply' },
      from: ['waitingResident'],
      to: 'inProgress',
      guard: 'inquiry-urgent',
      roles: ['inquiry-supervisor'],
      actions: [
        { type: 'setFields', values: { answeredAt: '$now' } },
        { type: 'callAction', action: 'mailer.send' },
        { type: 'emitEvent', event: 'replied' },
        { type: 'notify', to: { role: 'inquiry-desk' }, message: { ja: '市民から返答がありました。' } },
        { type: 'createRecord', entity: 'Inquiry', values: { subject: '返答あり' } },
      ],
    });
    expect(changes.at(-1)?.transitions.filter((_, index) => index !== 2)).to.deep.equal(
      inquiry.transitions.filter((_, index) => index !== 2),
    );
  });

  it('edits a state: its timer after 2 hours makes a transition, a second timer escalates', async () => {
    const editor = await openInquiry();
    const changes = recordItemChanges<WorkflowMetadata>(editor);
    await select(editor, 'g[data-state=received]');

    await type(editor, 'state-timers-0-amount', '2');
    await pick(editor, 'state-timers-0-unit', 'hours');
    await pick(editor, 'state-timers-0-effect', 'transition');
    expect(shadowAll<HTMLOptionElement>(editor, '#state-timers-0-transition option').map((o) => o.value)).to.deep.equal(
      ['accept'],
    );
    await press(editor, 'button.add-timer');
    await pick(editor, 'state-timers-1-effect', 'reassignTo');
    await pick(editor, 'state-timers-1-reassign-kind', 'department');
    await type(editor, 'state-timers-1-reassign-value', '市民相談課');
    await pick(editor, 'task-assignee-kind', 'principal');
    await pick(editor, 'task-assignee-value', '$actor');

    expect(changes.at(-1)?.states[0]).to.deep.equal({
      name: 'received',
      label: { ja: '受付', en: 'Received' },
      task: { label: { ja: '担当を決めて対応を始める', en: 'Take the inquiry on' }, assignTo: { principal: '$actor' } },
      timers: [
        { after: { hours: 2 }, transition: 'accept' },
        { after: { businessDays: 3 }, reassignTo: { department: '市民相談課' } },
      ],
    });
  });

  it('edits a timer relative to a date field of the record, before or after it, keeping what it does', async () => {
    const editor = await openInquiry();
    const changes = recordItemChanges<WorkflowMetadata>(editor);
    await select(editor, 'g[data-state=received]');
    const fields = shadowAll<HTMLOptionElement>(editor, '#state-timers-0-start option').map((o) => o.value);
    expect(fields).to.deep.equal(['entered', 'field']);
    await pick(editor, 'state-timers-0-start', 'field');
    expect(shadowAll<HTMLOptionElement>(editor, '#state-timers-0-field option').map((o) => o.value)).to.deep.equal([
      'answeredAt',
      'startedOn',
      'answeredOn',
    ]);
    await type(editor, 'state-timers-0-amount', '5');
    await pick(editor, 'state-timers-0-unit', 'days');
    await pick(editor, 'state-timers-0-direction', 'after');
    expect(changes.at(-1)?.states[0]?.timers?.[0]).to.deep.equal({
      at: { field: 'answeredAt', days: 5 },
      reassignTo: { role: 'inquiry-supervisor' },
    });
    await pick(editor, 'state-timers-0-direction', 'before');
    await pick(editor, 'state-timers-0-unit', 'businessDays');
    expect(changes.at(-1)?.states[0]?.timers?.[0]).to.deep.equal({
      at: { field: 'answeredAt', businessDays: -5 },
      reassignTo: { role: 'inquiry-supervisor' },
    });
    await pick(editor, 'state-timers-0-start', 'entered');
    expect(changes.at(-1)?.states[0]?.timers?.[0]).to.deep.equal({
      after: { businessDays: 3 },
      reassignTo: { role: 'inquiry-supervisor' },
    });
  });

  it('renames a state everywhere it is named, and removes it with the transitions into it', async () => {
    const editor = await openInquiry();
    await select(editor, 'g[data-state=waitingResident]');
    await type(editor, 'state-name', 'waiting');
    expect(editor.item?.transitions.find((t) => t.name === 'askResident')?.to).to.equal('waiting');
    expect(shadow(editor, 'g[data-state=waiting]')).to.exist;

    await press(editor, 'button.remove-state');
    const item = editor.item as WorkflowMetadata;
    expect(item.states.map((state) => state.name)).to.deep.equal(['received', 'inProgress', 'answered', 'closed']);
    expect(item.transitions.map((t) => t.name)).to.deep.equal(['accept', 'answer', 'reopen', 'close']);
    expect(shadowAll(editor, 'svg g.edge')).to.have.length(4);
    expect(shadow(editor, '.panel').textContent).to.contain('図または一覧から');
  });

  it('shows errors at the field their pointer names and marks the node in the diagram', async () => {
    const editor = await openInquiry();
    editor.errors = [
      { pointer: '/transitions/3/guard', code: 'ref', message: { ja: 'ルールがありません', en: 'No such rule' } },
      { pointer: '/states/1/timers/0/after/businessDays', code: 'min', message: { ja: '1 以上', en: 'At least 1' } },
    ];
    await settle(editor);
    expect(shadow(editor, 'g[data-transition=answer]').classList.contains('invalid')).to.equal(true);
    expect(shadow(editor, 'g[data-transition=answer]').getAttribute('aria-label')).to.contain('問題 1 件');
    await select(editor, 'g[data-transition=answer]');
    expect(shadow(editor, '#transition-guard').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(editor, '#transition-guard-errors').textContent).to.contain('ルールがありません');
    await select(editor, 'g[data-state=inProgress]');
    expect(shadow(editor, '#state-timers-0-amount').getAttribute('aria-invalid')).to.equal('true');
  });
});
