import { BASE, el, getJson } from './common.js';
import { text } from './texts.js';

/**
 * The transfer form's choice of queue: every queue by its label, a department's marked as such,
 * so the operator picks the 子育て支援課 queue by name instead of typing a code. The server
 * still checks the code (`contact-center.unknownQueue`).
 */
export function transferTargets(host, id) {
  const select = el('select', { id, name: 'queue', required: true });
  select.addEventListener('focus', () => load(host, select));
  load(host, select);
  return select;
}

async function load(host, select) {
  const answer = await getJson(`${BASE}/queues`).catch(() => null);
  if (!answer) return;
  const t = text(host);
  const chosen = select.value;
  const language = host.language === 'en' ? 'en' : 'ja';
  select.replaceChildren(
    el('option', { value: '', textContent: '—' }),
    ...answer.queues.map((queue) => {
      const label = queue.label[language] ?? queue.label.ja;
      return el('option', {
        value: queue.code,
        textContent: queue.tier === 'department' ? `${label}（${t.authors.department}）` : label,
      });
    }),
  );
  select.value = chosen;
}
