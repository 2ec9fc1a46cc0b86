import { el } from './common.js';

/** Form building the staff pages share: labelled inputs that name their JSON pointer, and forms that show the outcome. */

export function input(id, properties, pointer) {
  const node = el('input', { id, ...properties });
  node.dataset.pointer = pointer;
  return node;
}

/**
 * A labelled form that runs `submit` and then shows the outcome: re-reads the page on success
 * (or shows `done`), or the server's message with each field it names marked invalid.
 */
export function actionForm(page, heading, t, labelled, submit, done) {
  const status = el('p', { role: 'status' });
  const button = el('button', { type: 'submit', textContent: heading });
  const form = el('form', {}, [
    el('h3', { textContent: heading }),
    ...labelled.flatMap(([label, field]) => [el('label', { htmlFor: field.id, textContent: label }), field]),
    button,
    status,
  ]);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
      const result = await submit();
      if (result.ok && !done) return await page.render();
      if (result.ok) {
        status.textContent = done(result.body);
        return;
      }
      for (const error of result.body.errors ?? []) {
        const field = [...form.querySelectorAll('[data-pointer]')].find((f) =>
          error.pointer.startsWith(f.dataset.pointer),
        );
        field?.setAttribute('aria-invalid', 'true');
      }
      status.textContent = `${t.notSaved}: ${result.body.detail ?? result.body.title ?? ''}`;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export function list(lines, t) {
  if (lines.length === 0) return el('p', { textContent: t.none });
  return el(
    'ul',
    {},
    lines.map((line) => el('li', { textContent: line })),
  );
}
