/**
 * The payments plugin's staff portal pages. Plain custom elements that read through the
 * plugin's routes and act through its actions (the server checks roles again). Text is set
 * with textContent, never parsed as HTML. They receive `language` from the staff portal.
 */

const BASE = '/api/plugins/payments';

const TEXT = {
  ja: {
    liabilities: '未使用の残高（負債）',
    wallets: 'ポイント残高のある住民',
    points: '未使用ポイント',
    coupons: '未使用クーポン',
    couponYen: '未使用クーポン額面（円）',
    csv: 'CSV で出力',
    campaigns: 'キャンペーン予算の消化',
    remaining: '残り',
    of: '／',
    pendingShops: '審査待ちの店舗・施設',
    none: 'ありません。',
    approve: '承認',
    reject: '却下',
    redemptions: '直近 30 日の利用（店舗・日別）',
    redeem: 'クーポン・チケットの使用',
    shop: '店舗・施設',
    code: '提示されたコード（例: 7K2QM-9XPDR）',
    submit: '使用済みにする',
    done: '使用済みにしました',
    replayed: 'この提示は既に使用済みとして受け付けています',
    failed: '使用できません',
    noShop: '承認済みの店舗・施設がありません。',
    settlement: '今月の精算明細（CSV）',
  },
  en: {
    liabilities: 'Outstanding liabilities',
    wallets: 'Residents holding points',
    points: 'Unspent points',
    coupons: 'Unused coupons',
    couponYen: 'Face value of unused coupons (yen)',
    csv: 'Export CSV',
    campaigns: 'Campaign budget burn-down',
    remaining: 'left',
    of: ' of ',
    pendingShops: 'Shops and facilities awaiting review',
    none: 'None.',
    approve: 'Approve',
    reject: 'Reject',
    redemptions: 'Use over the last 30 days (by shop and day)',
    redeem: 'Redeem a coupon or ticket',
    shop: 'Shop or facility',
    code: 'The code shown (e.g. 7K2QM-9XPDR)',
    submit: 'Redeem',
    done: 'Redeemed',
    replayed: 'This presentation was already redeemed here',
    failed: 'Cannot be redeemed',
    noShop: 'You have no approved shop or facility.',
    settlement: 'This month’s settlement statement (CSV)',
  },
};

function text(element) {
  return TEXT[element.language === 'en' ? 'en' : 'ja'];
}

function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

async function getJson(path) {
  const response = await fetch(`${BASE}${path}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function act(name, body, language) {
  const response = await fetch(`/api/actions/payments.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'en' ? 'en' : 'ja' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, body: await response.json().catch(() => ({})) };
}

function isoDay(offsetDays) {
  return new Date(Date.now() + offsetDays * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** Staff: liabilities, campaign burn-down, redemptions and shop review, with CSV exports. */
class StaffConsole extends HTMLElement {
  async connectedCallback() {
    await this.render();
  }

  async render() {
    const t = text(this);
    const [liabilities, { campaigns }, { shops }] = await Promise.all([
      getJson('/reports/liabilities'),
      getJson('/campaigns'),
      getJson('/shops?status=pending'),
    ]);
    const [wallets, points, coupons, couponYen] = liabilities.rows[0];
    const figures = el('dl', {}, [
      el('dt', { textContent: t.wallets }),
      el('dd', { textContent: wallets.toLocaleString() }),
      el('dt', { textContent: t.points }),
      el('dd', { textContent: points.toLocaleString() }),
      el('dt', { textContent: t.coupons }),
      el('dd', { textContent: coupons.toLocaleString() }),
      el('dt', { textContent: t.couponYen }),
      el('dd', { textContent: couponYen.toLocaleString() }),
    ]);
    const from = isoDay(-30);
    const to = isoDay(1);
    this.replaceChildren(
      el('section', {}, [
        el('h2', { textContent: t.liabilities }),
        figures,
        el('a', { href: `${BASE}/reports/liabilities?format=csv`, textContent: t.csv }),
      ]),
      el('section', {}, [el('h2', { textContent: t.campaigns }), ...campaigns.map((c) => this.burnDown(c, t))]),
      el('section', {}, [
        el('h2', { textContent: t.redemptions }),
        el('a', { href: `${BASE}/reports/redemptions?from=${from}&to=${to}&format=csv`, textContent: t.csv }),
      ]),
      el('section', {}, [
        el('h2', { textContent: t.pendingShops }),
        shops.length === 0
          ? el('p', { textContent: t.none })
          : el(
              'ul',
              {},
              shops.map((s) => this.shopRow(s, t)),
            ),
      ]),
    );
  }

  burnDown(campaign, t) {
    const budget = Number(campaign.budget);
    const remaining = Number(campaign.remaining);
    const meter = el('meter', { min: 0, max: budget, value: remaining });
    meter.setAttribute('aria-label', `${campaign.name_ja} ${t.remaining}`);
    return el('div', {}, [
      el('span', {
        textContent: `${campaign.name_ja}: ${remaining.toLocaleString()}${t.of}${budget.toLocaleString()} ${t.remaining} `,
      }),
      meter,
      el('a', { href: `${BASE}/reports/burn-down?campaignId=${campaign.id}&format=csv`, textContent: ` ${t.csv}` }),
    ]);
  }

  shopRow(shop, t) {
    const decide = (decision) => async () => {
      await act('decideShop', { shopId: shop.id, decision }, this.language);
      await this.render();
    };
    return el('li', {}, [
      el('span', { textContent: `${shop.name}（${shop.address}） ` }),
      el('button', { type: 'button', textContent: t.approve, onclick: decide('approve') }),
      el('button', { type: 'button', textContent: t.reject, onclick: decide('reject') }),
    ]);
  }
}

/** Shop staff: redeem a presented coupon by its typed code; the month's settlement statement. */
class ShopRedeem extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    const { shops } = await getJson('/my-shops');
    const approved = shops.filter((s) => s.status === 'approved');
    if (approved.length === 0) {
      this.replaceChildren(el('p', { textContent: t.noShop }));
      return;
    }
    const select = el(
      'select',
      { id: 'payments-shop' },
      approved.map((s) => el('option', { value: s.id, textContent: s.name })),
    );
    const code = el('input', { id: 'payments-code', autocomplete: 'off', required: true, maxLength: 20 });
    const status = el('p', { role: 'status' });
    const month = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
    const settlement = el('a', { textContent: t.settlement });
    const link = () => {
      settlement.href = `${BASE}/shops/${select.value}/settlement?month=${month}&format=csv`;
    };
    select.addEventListener('change', link);
    link();
    const form = el('form', {}, [
      el('label', { htmlFor: 'payments-shop', textContent: t.shop }),
      select,
      el('label', { htmlFor: 'payments-code', textContent: t.code }),
      code,
      el('button', { type: 'submit', textContent: t.submit }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = await act('redeem', { shopId: select.value, code: code.value }, this.language);
      if (result.ok) {
        status.textContent = `${result.body.replayed ? t.replayed : t.done}: ${result.body.name}`;
        code.value = '';
      } else {
        status.textContent = `${t.failed}: ${result.body.detail ?? result.body.title ?? ''}`;
      }
    });
    this.replaceChildren(el('h2', { textContent: t.redeem }), form, status, settlement);
  }
}

customElements.define('payments-staff-console', StaffConsole);
customElements.define('payments-shop-redeem', ShopRedeem);
