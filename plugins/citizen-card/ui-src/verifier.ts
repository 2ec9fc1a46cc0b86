import { html, LitElement, nothing } from 'lit';
import { FACILITY_PROFILES } from '../src/shared/claims.ts';
import { REFUSALS } from '../src/shared/refusals.ts';
import {
  memoryReplayGuard,
  STALE_STATUS_LIST_SECONDS,
  type TrustAnchor,
  type Verification,
  verifyPresentation,
} from '../src/shared/verify-presentation.ts';
import { scan } from './camera.ts';
import { pageStyles } from './styles.ts';
import { textsFor } from './texts.ts';
import { cachedTrust, refreshTrust } from './trust-cache.ts';

const replay = memoryReplayGuard();

/** A short code this desk shows; a presentation made with it is bound to this moment and desk. */
function newChallenge(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * A facility's check (library, gym, event entrance, shelter): a card scanned with the camera or
 * pasted is verified here, offline, against the JWKS and status list cached at the last refresh;
 * only what the facility may ask for is accepted and shown.
 */
export class CardVerifier extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    language: {},
    profileId: { state: true },
    trust: { state: true },
    result: { state: true },
    challenge: { state: true },
    requireChallenge: { state: true },
    scanning: { state: true },
    message: { state: true },
  };
  language = 'ja';
  profileId = FACILITY_PROFILES[0]?.id ?? 'gym';
  trust: TrustAnchor | undefined = cachedTrust();
  result: Verification | undefined;
  challenge = newChallenge();
  requireChallenge = false;
  scanning = false;
  message = '';
  private stopCamera: (() => void) | undefined;

  override async connectedCallback() {
    super.connectedCallback();
    await this.refresh();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stopCamera?.();
  }

  private async refresh() {
    try {
      this.trust = await refreshTrust();
      this.message = '';
    } catch {
      this.trust = cachedTrust();
    }
  }

  async check(presentation: string): Promise<Verification | undefined> {
    const t = textsFor(this.language);
    if (!this.trust) {
      this.message = t.noTrust;
      return undefined;
    }
    this.result = await verifyPresentation({
      presentation: presentation.trim(),
      profileId: this.profileId,
      trust: this.trust,
      now: new Date(),
      replay,
      expectedNonce: this.requireChallenge ? this.challenge : undefined,
    });
    this.challenge = newChallenge();
    return this.result;
  }

  private async toggleCamera() {
    if (this.stopCamera) {
      this.stopCamera();
      this.stopCamera = undefined;
      this.scanning = false;
      return;
    }
    this.scanning = true;
    await this.updateComplete;
    const video = this.renderRoot.querySelector('video');
    if (!video) return;
    try {
      this.stopCamera = await scan(video, async (data) => {
        await this.check(data);
        this.scanning = false;
        this.stopCamera = undefined;
        return true;
      });
    } catch {
      this.scanning = false;
      this.message = textsFor(this.language).noCamera;
    }
  }

  override render() {
    const t = textsFor(this.language);
    const lang = this.language === 'en' ? 'en' : 'ja';
    const ageMinutes = this.trust ? Math.floor((Date.now() - this.trust.statusListFetchedAt) / 60_000) : 0;
    return html`
      <h2>${t.verifyTitle}</h2>
      <label for="cc-facility">${t.facility}</label>
      <select id="cc-facility" @change=${(e: Event) => {
        this.profileId = (e.target as HTMLSelectElement).value;
      }}>
        ${FACILITY_PROFILES.map((p) => html`<option value=${p.id} ?selected=${p.id === this.profileId}>${p.label[lang]}</option>`)}
      </select>
      <p>${t.challenge}: <strong>${this.challenge}</strong></p>
      <label><input type="checkbox" .checked=${this.requireChallenge} @change=${(e: Event) => {
        this.requireChallenge = (e.target as HTMLInputElement).checked;
      }} /> ${t.nonce}</label>
      <p>
        ${this.trust ? t.statusAge(ageMinutes) : t.noTrust}
        ${this.trust && ageMinutes * 60 > STALE_STATUS_LIST_SECONDS ? html`<span class="warn">${t.stale}</span>` : nothing}
        <button type="button" class="secondary" @click=${() => this.refresh()}>${t.refresh}</button>
      </p>
      <button type="button" @click=${() => this.toggleCamera()}>${this.scanning ? t.stopCamera : t.camera}</button>
      ${this.scanning ? html`<video muted playsinline aria-label=${t.cameraView}></video>` : nothing}
      <form @submit=${(e: Event) => {
        e.preventDefault();
        const area = this.renderRoot.querySelector('#cc-pasted') as HTMLTextAreaElement;
        void this.check(area.value);
      }}>
        <label for="cc-pasted">${t.pasted}</label>
        <textarea id="cc-pasted" autocomplete="off" spellcheck="false"></textarea>
        <button type="submit">${t.verify}</button>
      </form>
      <p role="status">${this.message}</p>
      ${this.result ? this.renderResult(this.result) : nothing}
    `;
  }

  private renderResult(result: Verification) {
    const t = textsFor(this.language);
    const lang = this.language === 'en' ? 'en' : 'ja';
    if (!result.ok) return html`<p class="ng" role="alert">${t.refused}: ${REFUSALS[result.refusal][lang]}</p>`;
    const value = (raw: unknown) => (typeof raw === 'boolean' ? (raw ? t.yes : t.no) : String(raw ?? '—'));
    return html`
      <p class="ok" role="alert">${t.valid}</p>
      ${result.staleStatusList ? html`<p class="warn">${t.stale}</p>` : nothing}
      <dl>${Object.entries(result.claims).map(([claim, raw]) => html`<dt>${t.claimNames[claim]}</dt><dd>${value(raw)}</dd>`)}</dl>
    `;
  }
}
