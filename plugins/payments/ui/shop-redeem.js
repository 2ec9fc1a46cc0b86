import { scan } from './camera.js';
import { act, BASE, el, getJson, text } from './common.js';

/** Shop staff: redeem a presented coupon by its typed code; the month's settlement statement. */
export class ShopRedeem extends HTMLElement {
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
    const redeem = async (body) => {
      const result = await act('redeem', { shopId: select.value, ...body }, this.language);
      status.textContent = result.ok
        ? `${result.body.replayed ? t.replayed : t.done}: ${result.body.name}`
        : `${t.failed}: ${result.body.detail ?? result.body.title ?? ''}`;
      return result.ok;
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await redeem({ code: code.value })) code.value = '';
    });
    const video = el('video', { muted: true, playsInline: true, hidden: true });
    video.setAttribute('aria-label', t.cameraView);
    let stopCamera;
    const camera = el('button', { type: 'button', textContent: t.camera });
    camera.addEventListener('click', async () => {
      if (stopCamera) {
        stopCamera();
        stopCamera = undefined;
        video.hidden = true;
        camera.textContent = t.camera;
        return;
      }
      try {
        video.hidden = false;
        camera.textContent = t.stopCamera;
        stopCamera = await scan(video, async (token) => {
          // One attempt per scanned code: a refused one is shown and scanning ends.
          await redeem({ token });
          video.hidden = true;
          camera.textContent = t.camera;
          stopCamera = undefined;
          return true;
        });
      } catch {
        video.hidden = true;
        camera.textContent = t.camera;
        status.textContent = t.noCamera;
      }
    });
    this.replaceChildren(el('h2', { textContent: t.redeem }), form, camera, video, status, settlement);
  }
}
