import { html, LitElement } from 'lit';
import { act, getJson, PLUGIN } from './api.ts';
import { scan } from './camera.ts';
import { pageStyles } from './styles.ts';
import { textsFor } from './texts.ts';

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

/**
 * A shelter's desk: check people in with their card, hand out relief supplies, see occupancy —
 * live when the portal gives a realtime connection: every desk's check-in or -out updates it.
 */
export class ShelterDesk extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    language: {},
    shelters: { state: true },
    occupancy: { state: true },
    message: { state: true },
  };
  language = 'ja';
  realtime: PortalRealtime | undefined;
  shelters: Shelter[] = [];
  occupancy: Occupancy[] = [];
  message = '';
  private unsubscribe: (() => void) | undefined;

  override async connectedCallback() {
    super.connectedCallback();
    // A change may be a shelter's first stay, which the list does not hold yet: read it again.
    this.unsubscribe = this.realtime?.subscribe('citizen-card.occupancy', 'all', () => this.loadOccupancy());
    const listed = await getJson<{ shelters: Shelter[] }>(`${PLUGIN}/shelters`);
    if (listed.ok) this.shelters = listed.body.shelters;
    await this.loadOccupancy();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private async loadOccupancy() {
    const found = await getJson<{ shelters: Occupancy[] }>(`${PLUGIN}/shelters/occupancy`);
    if (found.ok) this.occupancy = found.body.shelters;
  }

  private value(id: string): string {
    return (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | HTMLSelectElement).value.trim();
  }

  private async submit(kind: 'checkIn' | 'pickUp', presentation: string) {
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
      <h3>${t.occupancy}</h3>
      <table>
        <thead><tr><th scope="col">${t.shelter}</th><th scope="col">${t.occupancy}</th></tr></thead>
        <tbody>${this.occupancy.map((o) => html`<tr><td>${o.ward} ${o.name}</td><td>${o.occupancy}</td></tr>`)}</tbody>
      </table>
    `;
  }
}
