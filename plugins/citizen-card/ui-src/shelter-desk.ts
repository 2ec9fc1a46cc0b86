import { html, LitElement, nothing } from 'lit';
import { REFUSALS } from '../src/shared/refusals.ts';
import { memoryReplayGuard, type TrustAnchor, verifyPresentation } from '../src/shared/verify-presentation.ts';
import { act, getJson, PLUGIN } from './api.ts';
import { scan } from './camera.ts';
import { forgetPickups, queuedPickups, queuePickup } from './pickup-queue.ts';
import { pageStyles } from './styles.ts';
import { textsFor } from './texts.ts';
import { cachedTrust, refreshTrust } from './trust-cache.ts';

const replay = memoryReplayGuard();

interface Shelter {
  id: string;
  ward: string;
  name: string;
}

interface Occupancy extends Shelter {
  occupancy: number;
}

/** The portal's realtime connection, which plugin elements are given (the SDK's `PortalRealtime`). */
interface PortalRealtime {
  subscribe(channel: string, room: string, listener: () => void): () => void;
}

interface SyncAnswer {
  results: Array<{ clientId: string; outcome: 'recorded' | 'conflict' | 'alreadySynced' }>;
}

/**
 * A shelter's desk: check people in with their card, hand out relief supplies, see occupancy —
 * live when the portal gives a realtime connection: every desk's check-in or -out updates it.
 * Without a connection a pickup is verified here against the cached trust data and kept on the
 * device; it is synced when the connection returns, and the server lists any second pickup of a
 * household as a conflict rather than accepting it.
 */
export class ShelterDesk extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    language: {},
    shelters: { state: true },
    occupancy: { state: true },
    message: { state: true },
    pending: { state: true },
  };
  language = 'ja';
  realtime: PortalRealtime | undefined;
  shelters: Shelter[] = [];
  occupancy: Occupancy[] = [];
  message = '';
  pending = queuedPickups().length;
  private trust: TrustAnchor | undefined = cachedTrust();
  private syncing = false;
  private unsubscribe: (() => void) | undefined;
  private readonly onOnline = () => void this.syncQueued();

  override async connectedCallback() {
    super.connectedCallback();
    // A change may be a shelter's first stay, which the list does not hold yet: read it again.
    this.unsubscribe = this.realtime?.subscribe('citizen-card.occupancy', 'all', () => this.loadOccupancy());
    window.addEventListener('online', this.onOnline);
    try {
      this.trust = await refreshTrust();
      const listed = await getJson<{ shelters: Shelter[] }>(`${PLUGIN}/shelters`);
      if (listed.ok) this.shelters = listed.body.shelters;
      await this.loadOccupancy();
      await this.syncQueued();
    } catch {
      // Opened without a connection (from the service worker's cache): pickups are kept here.
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    window.removeEventListener('online', this.onOnline);
  }

  private async loadOccupancy() {
    try {
      const found = await getJson<{ shelters: Occupancy[] }>(`${PLUGIN}/shelters/occupancy`);
      if (found.ok) this.occupancy = found.body.shelters;
    } catch {
      // Offline: the table keeps what it showed last.
    }
  }

  private value(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement).value.trim();
  }

  private async submit(kind: 'checkIn' | 'pickUp', presentation: string) {
    try {
      await this.submitOnline(kind, presentation);
    } catch {
      if (kind === 'pickUp') await this.pickUpOffline(presentation);
      else this.message = textsFor(this.language).offlineCheckIn;
    }
  }

  private async submitOnline(kind: 'checkIn' | 'pickUp', presentation: string) {
    const t = textsFor(this.language);
    const shelterId = this.value('cc-shelter');
    const result =
      kind === 'checkIn'
        ? await act<{ shelter: string }>('shelterCheckIn', { presentation, shelterId }, this.language)
        : await act(
            'pickUp',
            { presentation, distributionId: this.value('cc-distribution'), site: shelterId },
            this.language,
          );
    this.message = result.ok
      ? kind === 'checkIn'
        ? t.checkedIn(String(result.body.shelter))
        : t.pickedUp
      : `${t.failed}: ${result.body.detail ?? result.body.title ?? ''}`;
    await this.loadOccupancy();
  }

  private async pickUpOffline(presentation: string) {
    const t = textsFor(this.language);
    if (!this.trust) {
      this.message = t.noTrust;
      return;
    }
    const now = new Date();
    const verification = await verifyPresentation({
      presentation,
      profileId: 'shelter',
      trust: this.trust,
      now,
      replay,
    });
    if (!verification.ok) {
      this.message = `${t.refused}: ${REFUSALS[verification.refusal][this.language === 'en' ? 'en' : 'ja']}`;
      return;
    }
    queuePickup({
      site: this.value('cc-shelter'),
      distributionId: this.value('cc-distribution'),
      presentation,
      scannedAt: now.toISOString(),
    });
    this.pending = queuedPickups().length;
    this.message = t.keptOffline(this.pending);
  }

  /** Sends the pickups kept while offline, site by site; what the server answered leaves the device. */
  private async syncQueued() {
    const queued = queuedPickups();
    if (queued.length === 0 || this.syncing) return;
    this.syncing = true;
    const t = textsFor(this.language);
    let recorded = 0;
    let conflicts = 0;
    try {
      for (const site of new Set(queued.map((pickup) => pickup.site))) {
        const pickups = queued.filter((pickup) => pickup.site === site).map(({ site: _, ...pickup }) => pickup);
        const answer = await act<SyncAnswer>('syncPickups', { site, pickups }, this.language);
        if (!answer.ok) {
          this.message = `${t.failed}: ${answer.body.detail ?? answer.body.title ?? ''}`;
          return;
        }
        forgetPickups(new Set(answer.body.results.map((result) => result.clientId)));
        recorded += answer.body.results.filter((result) => result.outcome === 'recorded').length;
        conflicts += answer.body.results.filter((result) => result.outcome === 'conflict').length;
      }
      this.message = t.synced(recorded, conflicts);
    } catch {
      // Still offline: the pickups stay on the device for the next try.
    } finally {
      this.syncing = false;
      this.pending = queuedPickups().length;
    }
  }

  private async scanFor(kind: 'checkIn' | 'pickUp') {
    const video = this.renderRoot.querySelector('video');
    if (!video) return;
    try {
      await scan(video, async (data) => {
        await this.submit(kind, data);
        return true;
      });
    } catch {
      this.message = textsFor(this.language).noCamera;
    }
  }

  override render() {
    const t = textsFor(this.language);
    return html`
      <h2>${t.shelterDesk}</h2>
      <label for="cc-shelter">${t.shelter}</label>
      <select id="cc-shelter">
        ${this.shelters.map((s) => html`<option value=${s.id}>${s.ward} ${s.name}</option>`)}
      </select>
      <label for="cc-presentation">${t.pasted}</label>
      <textarea id="cc-presentation" autocomplete="off" spellcheck="false"></textarea>
      <label for="cc-distribution">${t.distribution}</label>
      <input id="cc-distribution" autocomplete="off" />
      <div>
        <button type="button" @click=${() => this.submit('checkIn', this.value('cc-presentation'))}>${t.checkIn}</button>
        <button type="button" @click=${() => this.submit('pickUp', this.value('cc-presentation'))}>${t.pickUp}</button>
        <button type="button" class="secondary" @click=${() => this.scanFor('checkIn')}>${t.camera}</button>
      </div>
      <video muted playsinline aria-label=${t.cameraView}></video>
      <p role="status">${this.message}</p>
      ${
        this.pending > 0
          ? html`<p>${t.pending(this.pending)}
              <button type="button" class="secondary" @click=${() => this.syncQueued()}>${t.syncNow}</button></p>`
          : nothing
      }
      <h3>${t.occupancy}</h3>
      <table>
        <thead><tr><th scope="col">${t.shelter}</th><th scope="col">${t.occupancy}</th></tr></thead>
        <tbody>${this.occupancy.map((o) => html`<tr><td>${o.ward} ${o.name}</td><td>${o.occupancy}</td></tr>`)}</tbody>
      </table>
    `;
  }
}
