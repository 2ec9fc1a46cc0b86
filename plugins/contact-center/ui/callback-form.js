import { el } from './common.js';
import { text } from './texts.js';

/**
 * Shown to a resident outside service hours: when they would like to be called back and, for a
 * visitor who has not signed in, the number to call. `send` posts it (through the action or the
 * public route) and answers `{ ok, body }`.
 */
export function callbackForm(host, idPrefix, anonymous, send) {
  const t = text(host);
  const when = el('input', { type: 'datetime-local', id: `${idPrefix}-when`, name: 'preferredAt', required: true });
  const phone = el('input', {
    type: 'tel',
    id: `${idPrefix}-phone`,
    name: 'phone',
    autocomplete: 'tel',
    maxLength: 30,
  });
  phone.required = anonymous();
  const note = el('input', { type: 'text', id: `${idPrefix}-note`, name: 'note', maxLength: 1000 });
  const status = el('p', { role: 'status' });
  const form = el('form', { hidden: true, ariaLabel: t.callbackTitle }, [
    el('h3', { textContent: t.callbackTitle }),
    el('p', {}, [el('label', { htmlFor: when.id, textContent: t.callbackWhen }), when]),
    el('p', {}, [el('label', { htmlFor: phone.id, textContent: t.callbackPhone }), phone]),
    el('p', {}, [el('label', { htmlFor: note.id, textContent: t.callbackNote }), note]),
    el('button', { type: 'submit', textContent: t.callbackSend }),
    status,
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    phone.required = anonymous();
    const answer = await send({
      // The resident's browser clock is the city's for residents in Japan; the server keeps an instant.
      preferredAt: new Date(when.value).toISOString(),
      ...(phone.value ? { phone: phone.value } : {}),
      ...(note.value ? { note: note.value } : {}),
    });
    status.textContent = answer.ok ? t.callbackThanks : (answer.body.detail ?? t.failed);
    if (answer.ok) form.reset();
  });
  return form;
}
