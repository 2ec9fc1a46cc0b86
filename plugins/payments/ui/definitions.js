import { act, el, getJson, text } from './common.js';
import { actionForm, input, list } from './forms.js';

/**
 * Staff: define campaigns and coupons or tickets, and distribute a coupon to the residents a
 * published segment selects — previewing how many first. A distribution keeps its idempotency
 * key until it succeeds, so a second click or a retry after a lost answer issues nothing twice.
 */
export class PaymentsDefinitions extends HTMLElement {
  async connectedCallback() {
    await this.render();
  }

  async render() {
    const t = text(this);
    const [{ campaigns }, { definitions }, { shops }] = await Promise.all([
      getJson('/campaigns'),
      getJson('/coupon-definitions'),
      getJson('/shops?status=approved'),
    ]);
    this.replaceChildren(
      el('section', {}, [
        el('h2', { textContent: t.campaignList }),
        list(
          campaigns.map(
            (c) => `${c.name_ja}: ${Number(c.budget).toLocaleString()} pt（${day(c.starts_at)}〜${day(c.ends_at)}）`,
          ),
          t,
        ),
        this.campaignForm(t),
      ]),
      el('section', {}, [
        el('h2', { textContent: t.definitionList }),
        list(
          definitions.map(
            (d) =>
              `${d.name_ja}（${d.value_yen ? `${d.value_yen.toLocaleString()}${t.yen}` : d.service}）` +
              ` ${day(d.valid_from)}〜${day(d.valid_until)} ${t.stock} ${d.issued}${t.of}${d.total_stock}`,
          ),
          t,
        ),
        this.definitionForm(t, shops),
      ]),
      el('section', {}, [el('h2', { textContent: t.distribute }), this.distributeForm(t, definitions)]),
    );
  }

  campaignForm(t) {
    const fields = {
      name: input('payments-campaign-name', { required: true, maxLength: 100 }, '/name/ja'),
      budget: input('payments-campaign-budget', { type: 'number', required: true, min: 1, step: 1 }, '/budget'),
      validDays: input(
        'payments-campaign-days',
        { type: 'number', required: true, min: 1, max: 3650 },
        '/pointsValidDays',
      ),
      from: input('payments-campaign-from', { type: 'date', required: true }, '/startsAt'),
      until: input('payments-campaign-until', { type: 'date', required: true }, '/endsAt'),
    };
    return actionForm(
      this,
      t.createCampaign,
      t,
      [
        [t.campaignName, fields.name],
        [t.budget, fields.budget],
        [t.pointsValidDays, fields.validDays],
        [t.startsAt, fields.from],
        [t.endsAt, fields.until],
      ],
      () =>
        act(
          'createCampaign',
          {
            name: { ja: fields.name.value },
            budget: Number(fields.budget.value),
            pointsValidDays: Number(fields.validDays.value),
            startsAt: startOf(fields.from.value),
            endsAt: startOf(fields.until.value),
          },
          this.language,
        ),
    );
  }

  definitionForm(t, shops) {
    const kind = el('select', { id: 'payments-definition-kind' }, [
      el('option', { value: 'coupon', textContent: t.kindCoupon }),
      el('option', { value: 'ticket', textContent: t.kindTicket }),
    ]);
    const fields = {
      name: input('payments-definition-name', { required: true, maxLength: 100 }, '/name/ja'),
      value: input('payments-definition-value', { type: 'number', min: 1, step: 1 }, '/valueYen'),
      service: input('payments-definition-service', { maxLength: 50, pattern: '[a-z][a-z0-9\\-]*' }, '/service'),
      from: input('payments-definition-from', { type: 'date', required: true }, '/validFrom'),
      until: input('payments-definition-until', { type: 'date', required: true }, '/validUntil'),
      limit: input(
        'payments-definition-limit',
        { type: 'number', required: true, min: 1, max: 100, value: '1' },
        '/perResidentLimit',
      ),
      stock: input('payments-definition-stock', { type: 'number', required: true, min: 1, step: 1 }, '/totalStock'),
    };
    const usableAt = el(
      'select',
      { id: 'payments-definition-shops', multiple: true },
      shops.map((s) => el('option', { value: s.id, textContent: s.name })),
    );
    const sync = () => {
      fields.value.disabled = kind.value !== 'coupon';
      fields.service.disabled = kind.value !== 'ticket';
    };
    kind.addEventListener('change', sync);
    sync();
    return actionForm(
      this,
      t.defineCoupon,
      t,
      [
        [t.kind, kind],
        [t.definitionName, fields.name],
        [t.valueYen, fields.value],
        [t.service, fields.service],
        [t.periodFrom, fields.from],
        [t.periodUntil, fields.until],
        [t.perResidentLimit, fields.limit],
        [t.totalStock, fields.stock],
        [t.usableAt, usableAt],
      ],
      () =>
        act(
          'defineCoupon',
          {
            kind: kind.value,
            name: { ja: fields.name.value },
            ...(kind.value === 'coupon' ? { valueYen: Number(fields.value.value) } : { service: fields.service.value }),
            validFrom: startOf(fields.from.value),
            validUntil: startOf(fields.until.value),
            perResidentLimit: Number(fields.limit.value),
            totalStock: Number(fields.stock.value),
            usableAt: [...usableAt.selectedOptions].map((option) => option.value),
          },
          this.language,
        ),
    );
  }

  distributeForm(t, definitions) {
    const definition = el(
      'select',
      { id: 'payments-distribute-definition', required: true },
      definitions.map((d) => el('option', { value: d.id, textContent: d.name_ja })),
    );
    const entity = input(
      'payments-distribute-entity',
      { required: true, pattern: '[A-Z][A-Za-z0-9]*' },
      '/target/entity',
    );
    const segment = input('payments-distribute-segment', { required: true, maxLength: 100 }, '/target/rule');
    const count = el('p', { role: 'status' });
    const preview = el('button', { type: 'button', textContent: t.preview });
    preview.addEventListener('click', async () => {
      const response = await fetch(`/api/segments/${encodeURIComponent(segment.value)}/preview`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'accept-language': this.language === 'en' ? 'en' : 'ja' },
      });
      const body = await response.json().catch(() => ({}));
      count.textContent = response.ok ? t.matching(body.count) : (body.detail ?? t.notSaved);
    });
    let idempotencyKey = crypto.randomUUID();
    // A changed choice is a new distribution; the same choice sent again is the same one.
    for (const field of [definition, entity, segment])
      field.addEventListener('change', () => {
        idempotencyKey = crypto.randomUUID();
      });
    const form = actionForm(
      this,
      t.distributeSubmit,
      t,
      [
        [t.distributeWhich, definition],
        [t.targetEntity, entity],
        [t.segmentName, segment],
      ],
      async () => {
        const result = await act(
          'distributeCoupon',
          {
            idempotencyKey,
            definitionId: definition.value,
            target: { entity: entity.value, rule: { segment: segment.value } },
          },
          this.language,
        );
        if (result.ok) idempotencyKey = crypto.randomUUID();
        return result;
      },
      (body) => t.distributed(body.issued ?? 0),
    );
    form.insertBefore(el('div', {}, [preview, count]), form.querySelector('button[type="submit"]'));
    return form;
  }
}

function day(timestamp) {
  return new Date(new Date(timestamp).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** The start of a day in Japan, as the actions take it. */
function startOf(date) {
  return `${date}T00:00:00+09:00`;
}
