import { act, el, getJson } from './common.js';
import { input } from './forms.js';
import { operationsText } from './operations-text.js';

const HIDDEN_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'owner']);

/**
 * Staff: grant points to everyone a published segment selects. Pick the campaign and the
 * segment, check how many it reaches and who the first ones are, then confirm; the grant is
 * one set-based statement (all or nothing), so its progress is "granting" and then the result.
 * The idempotency key is kept until the grant succeeds, so a second click or a retry after a
 * lost answer grants once; any change to the choice makes it a new grant that needs a new check.
 */
export class SegmentGrant extends HTMLElement {
  async connectedCallback() {
    const t = operationsText(this);
    const { campaigns } = await getJson('/campaigns');
    const campaign = el(
      'select',
      { id: 'payments-grant-campaign', required: true },
      campaigns.map((c) => el('option', { value: c.id, textContent: t.budgetLeft(c.name_ja, c.remaining) })),
    );
    const entity = input('payments-grant-entity', { required: true, pattern: '[A-Z][A-Za-z0-9]*' }, '/target/entity');
    const segment = input('payments-grant-segment', { required: true, maxLength: 100 }, '/target/rule');
    const points = input('payments-grant-points', { type: 'number', required: true, min: 1, step: 1 }, '/points');
    const check = el('button', { type: 'button', textContent: t.check });
    const preview = el('div');
    const confirm = el('button', { type: 'button', textContent: t.checkFirst, disabled: true });
    const status = el('p', { role: 'status' });
    let checked = null;
    let idempotencyKey = crypto.randomUUID();
    const reset = () => {
      checked = null;
      idempotencyKey = crypto.randomUUID();
      confirm.disabled = true;
      confirm.textContent = t.checkFirst;
      preview.replaceChildren();
    };
    for (const field of [campaign, entity, segment, points]) field.addEventListener('change', reset);

    check.addEventListener('click', async () => {
      reset();
      status.textContent = '';
      if (![entity, segment, points].every((field) => field.reportValidity())) return;
      const response = await fetch(`/api/segments/${encodeURIComponent(segment.value)}/preview`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'accept-language': this.language === 'en' ? 'en' : 'ja' },
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        status.textContent = body.detail ?? t.notSaved;
        return;
      }
      checked = body.count;
      preview.replaceChildren(
        el('p', { textContent: t.matching(body.count) }),
        el('h3', { textContent: t.sampleHeading }),
        sampleList(body.sample ?? [], t),
      );
      confirm.textContent = t.confirm(body.count, Number(points.value));
      confirm.disabled = body.count === 0;
    });

    confirm.addEventListener('click', async () => {
      if (checked === null) return;
      confirm.disabled = true;
      check.disabled = true;
      status.textContent = t.granting;
      const result = await act(
        'grantToSegment',
        {
          idempotencyKey,
          campaignId: campaign.value,
          target: { entity: entity.value, rule: { segment: segment.value } },
          points: Number(points.value),
        },
        this.language,
      );
      check.disabled = false;
      if (result.ok) {
        status.textContent = result.body.replayed
          ? t.grantReplayed
          : t.granted(result.body.recipients, result.body.recipients * Number(points.value));
        idempotencyKey = crypto.randomUUID();
        checked = null;
        confirm.textContent = t.checkFirst;
        return;
      }
      confirm.disabled = false;
      status.textContent = `${t.notSaved}: ${result.body.detail ?? result.body.title ?? ''}`;
    });

    this.replaceChildren(
      el('section', {}, [
        el('h2', { textContent: t.grant }),
        ...labelled([
          [t.grantCampaign, campaign],
          [t.targetEntity, entity],
          [t.segmentName, segment],
          [t.grantPoints, points],
        ]),
        check,
        preview,
        confirm,
        status,
      ]),
    );
  }
}

function labelled(pairs) {
  return pairs.flatMap(([label, field]) => [el('label', { htmlFor: field.id, textContent: label }), field]);
}

/** The first records, each as its id and a few of its fields (what the caller may read). */
function sampleList(records, t) {
  if (records.length === 0) return el('p', { textContent: t.none });
  return el(
    'ul',
    {},
    records.slice(0, 5).map((record) => {
      const fields = Object.entries(record)
        .filter(([name, value]) => !HIDDEN_FIELDS.has(name) && value !== null && typeof value !== 'object')
        .slice(0, 3)
        .map(([name, value]) => `${name}: ${value}`);
      return el('li', { textContent: [record.id, ...fields].join(' — ') });
    }),
  );
}
