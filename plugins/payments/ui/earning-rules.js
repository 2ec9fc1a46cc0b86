import { act, el, getJson } from './common.js';
import { actionForm, input } from './forms.js';
import { operationsText } from './operations-text.js';

/**
 * Staff: the earning rules (which record event earns how many points from which campaign),
 * a form to create one, and per rule a change form and disable / enable. A rule is kept when
 * disabled: the grants it made name it.
 */
export class EarningRules extends HTMLElement {
  async connectedCallback() {
    await this.render();
  }

  async render() {
    const t = operationsText(this);
    const [{ rules }, { campaigns }] = await Promise.all([getJson('/earning-rules'), getJson('/campaigns')]);
    this.editor = el('div');
    this.replaceChildren(
      el('section', {}, [
        el('h2', { textContent: t.rules }),
        rules.length === 0 ? el('p', { textContent: t.none }) : this.table(rules, t),
        this.editor,
      ]),
      el('section', {}, [this.createForm(t, campaigns)]),
    );
  }

  table(rules, t) {
    return el('table', {}, [
      el('caption', { textContent: t.rulesCaption }),
      el('thead', {}, [
        el(
          'tr',
          {},
          t.ruleColumns.map((name) => el('th', { scope: 'col', textContent: name })),
        ),
      ]),
      el(
        'tbody',
        {},
        rules.map((rule) =>
          el('tr', {}, [
            el('th', { scope: 'row', textContent: rule.name }),
            el('td', { textContent: rule.campaign_name }),
            el('td', { textContent: t.events[rule.event] ?? rule.event }),
            el('td', {
              textContent: [rule.entity ?? t.anyRecord, rule.condition?.segment].filter(Boolean).join(' / '),
            }),
            el('td', { textContent: Number(rule.points).toLocaleString() }),
            el('td', { textContent: rule.per_resident_limit ?? t.unlimited }),
            el('td', { textContent: rule.active ? t.active : t.inactive }),
            el('td', {}, this.ruleButtons(rule, t)),
          ]),
        ),
      ),
    ]);
  }

  ruleButtons(rule, t) {
    const edit = el('button', { type: 'button', textContent: t.edit, ariaLabel: `${t.edit}: ${rule.name}` });
    edit.addEventListener('click', () => {
      this.editor.replaceChildren(this.editForm(rule, t));
      this.editor.querySelector('input')?.focus();
    });
    const toggle = el('button', {
      type: 'button',
      textContent: rule.active ? t.disable : t.enable,
      ariaLabel: `${rule.active ? t.disable : t.enable}: ${rule.name}`,
    });
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      const result = await act('updateEarningRule', { ruleId: rule.id, active: !rule.active }, this.language);
      if (result.ok) return this.render();
      toggle.disabled = false;
      this.editor.replaceChildren(
        el('p', { role: 'status', textContent: `${t.notSaved}: ${result.body.detail ?? ''}` }),
      );
    });
    return [edit, toggle];
  }

  editForm(rule, t) {
    const name = input('payments-rule-edit-name', { required: true, maxLength: 100, value: rule.name }, '/name');
    const points = input(
      'payments-rule-edit-points',
      { type: 'number', required: true, min: 1, step: 1, value: String(rule.points) },
      '/points',
    );
    const limit = input(
      'payments-rule-edit-limit',
      { type: 'number', min: 1, step: 1, value: rule.per_resident_limit ?? '' },
      '/perResidentLimit',
    );
    const form = actionForm(
      this,
      t.save,
      t,
      [
        [t.ruleName, name],
        [t.rulePoints, points],
        [t.ruleLimit, limit],
      ],
      () =>
        act(
          'updateEarningRule',
          {
            ruleId: rule.id,
            name: name.value,
            points: Number(points.value),
            perResidentLimit: limit.value === '' ? null : Number(limit.value),
          },
          this.language,
        ),
    );
    form.querySelector('h3').textContent = t.editing(rule.name);
    return form;
  }

  createForm(t, campaigns) {
    const campaign = el(
      'select',
      { id: 'payments-rule-campaign', required: true },
      campaigns.map((c) => el('option', { value: c.id, textContent: c.name_ja })),
    );
    campaign.dataset.pointer = '/campaignId';
    const event = el(
      'select',
      { id: 'payments-rule-event' },
      Object.entries(t.events).map(([value, label]) => el('option', { value, textContent: label })),
    );
    const fields = {
      name: input('payments-rule-name', { required: true, maxLength: 100 }, '/name'),
      entity: input('payments-rule-entity', { pattern: '[A-Z][A-Za-z0-9]*' }, '/entity'),
      segment: input('payments-rule-segment', { maxLength: 100 }, '/condition'),
      points: input('payments-rule-points', { type: 'number', required: true, min: 1, step: 1 }, '/points'),
      limit: input('payments-rule-limit', { type: 'number', min: 1, step: 1 }, '/perResidentLimit'),
    };
    return actionForm(
      this,
      t.createRule,
      t,
      [
        [t.ruleName, fields.name],
        [t.ruleCampaign, campaign],
        [t.ruleEvent, event],
        [t.ruleEntity, fields.entity],
        [t.ruleSegment, fields.segment],
        [t.rulePoints, fields.points],
        [t.ruleLimit, fields.limit],
      ],
      () =>
        act(
          'createEarningRule',
          {
            campaignId: campaign.value,
            name: fields.name.value,
            event: event.value,
            ...(fields.entity.value ? { entity: fields.entity.value } : {}),
            ...(fields.segment.value ? { condition: { segment: fields.segment.value } } : {}),
            points: Number(fields.points.value),
            ...(fields.limit.value ? { perResidentLimit: Number(fields.limit.value) } : {}),
          },
          this.language,
        ),
    );
  }
}
