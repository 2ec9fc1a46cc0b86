import { exportJWK } from 'jose';
import { html, LitElement, nothing } from 'lit';
import QRCode from 'qrcode';
import { FACILITY_PROFILES, profileOf } from '../src/shared/claims.ts';
import { presentCard } from '../src/shared/present.ts';
import { act, getJson, PLUGIN, PUBLIC } from './api.ts';
import { holderKeyPair, type StoredCard, storeCard, storedCard } from './holder-store.ts';
import { pageStyles } from './styles.ts';
import { textsFor } from './texts.ts';

/**
 * The resident's card: issue it (bound to a key made in this browser), see what it says, and
 * show a QR code that discloses only what the chosen facility asks for, signed afresh each
 * time. The last card is kept in the browser, so it shows and presents offline.
 */
export class CardWallet extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    language: {},
    card: { state: true },
    offline: { state: true },
    message: { state: true },
    profileId: { state: true },
    shown: { state: true },
    presentation: { state: true },
    visits: { state: true },
  };
  language = 'ja';
  card: StoredCard | undefined;
  offline = false;
  message = '';
  profileId = FACILITY_PROFILES[0]?.id ?? 'gym';
  shown = false;
  presentation = '';
  visits: Array<{ profile: string; site: string; visited_at: string }> = [];

  override async connectedCallback() {
    super.connectedCallback();
    this.card = await storedCard();
    try {
      const fresh = await getJson<StoredCard>(`${PLUGIN}/credential`);
      if (fresh.ok) this.card = fresh.body;
      else if (fresh.status === 404) this.card = undefined;
      if (fresh.ok || fresh.status === 404) await storeCard(this.card);
      const visits = await getJson<{ visits: CardWallet['visits'] }>(`${PLUGIN}/visits`);
      if (visits.ok) this.visits = visits.body.visits;
    } catch {
      this.offline = true;
    }
  }

  private async issue() {
    const t = textsFor(this.language);
    const pair = await holderKeyPair();
    const result = await act<StoredCard>('issue', { holderKey: await exportJWK(pair.publicKey) }, this.language);
    if (!result.ok) {
      this.message = `${t.failed}: ${result.body.detail ?? result.body.title ?? ''}`;
      return;
    }
    this.card = result.body;
    await storeCard(this.card);
  }

  private async show() {
    const card = this.card;
    if (!card) return;
    const nonce = (this.renderRoot.querySelector('#cc-nonce') as HTMLInputElement | null)?.value.trim();
    const pair = await holderKeyPair();
    const presentation = await presentCard({
      credential: card.credential,
      holderKey: pair.privateKey,
      profileId: this.profileId,
      nonce: nonce || undefined,
      now: new Date(),
    });
    this.presentation = presentation;
    this.shown = true;
    await this.updateComplete;
    const canvas = this.renderRoot.querySelector('canvas');
    if (canvas) await QRCode.toCanvas(canvas, presentation, { errorCorrectionLevel: 'L', width: 560, margin: 2 });
  }

  private async reportLost() {
    const t = textsFor(this.language);
    const result = await act('reportLost', {}, this.language);
    this.message = result.ok ? t.lostDone : `${t.failed}: ${result.body.detail ?? ''}`;
    if (result.ok) {
      this.card = undefined;
      await storeCard(undefined);
    }
  }

  override render() {
    const t = textsFor(this.language);
    const profile = profileOf(this.profileId);
    const facilityName = profile ? profile.label[this.language === 'en' ? 'en' : 'ja'] : '';
    return html`
      <h2>${t.title}</h2>
      ${this.offline ? html`<p class="warn">${t.offline}</p>` : nothing}
      <p role="status">${this.message}</p>
      ${
        this.card
          ? this.renderCard(this.card, facilityName)
          : html`<p>${t.noCard}</p><p>${t.issueHelp}</p>
            <button type="button" @click=${() => this.issue()}>${t.issue}</button>`
      }
      <p><a href="${PUBLIC}/offline/card">${t.offlineLink}</a></p>
      <h3>${t.visits}</h3>
      ${
        this.visits.length === 0
          ? html`<p>${t.noVisits}</p>`
          : html`<ul>${this.visits.map((v) => html`<li>${new Date(v.visited_at).toLocaleString(this.language)} ${v.site}</li>`)}</ul>`
      }
    `;
  }

  private renderCard(card: StoredCard, facilityName: string) {
    const t = textsFor(this.language);
    const value = (claim: string) => {
      const raw = card.claims[claim];
      return typeof raw === 'boolean' ? (raw ? t.yes : t.no) : String(raw ?? '—');
    };
    const requests = profileOf(this.profileId)?.requests ?? [];
    return html`
      <h3>${t.claims}</h3>
      <dl>${Object.keys(t.claimNames)
        .filter((claim) => claim !== 'photo_sha256')
        .map((claim) => html`<dt>${t.claimNames[claim]}</dt><dd>${value(claim)}</dd>`)}</dl>
      <label for="cc-profile">${t.facility}</label>
      <select id="cc-profile" @change=${(e: Event) => {
        this.profileId = (e.target as HTMLSelectElement).value;
        this.shown = false;
      }}>
        ${FACILITY_PROFILES.map(
          (p) =>
            html`<option value=${p.id} ?selected=${p.id === this.profileId}>${p.label[this.language === 'en' ? 'en' : 'ja']}</option>`,
        )}
      </select>
      <p>${t.disclosed}: ${requests.map((claim) => t.claimNames[claim]).join('、')}</p>
      <label for="cc-nonce">${t.nonce}</label>
      <input id="cc-nonce" autocomplete="off" maxlength="20" />
      <div><button type="button" @click=${() => this.show()}>${t.show}</button></div>
      ${
        this.shown
          ? html`<canvas role="img" aria-label=${t.qrLabel(facilityName)}></canvas><p>${t.validFor}</p>
              <label for="cc-code">${t.code}</label>
              <textarea id="cc-code" readonly .value=${this.presentation}></textarea>`
          : nothing
      }
      <button type="button" class="secondary" @click=${() => this.reportLost()}>${t.lost}</button>
    `;
  }
}
