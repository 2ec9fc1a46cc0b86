export const PLUGIN = '/api/plugins/citizen-card';
export const PUBLIC = '/api/public/citizen-card';

export async function getJson<T>(path: string): Promise<{ ok: boolean; status: number; body: T }> {
  const response = await fetch(path, { credentials: 'same-origin' });
  return { ok: response.ok, status: response.status, body: (await response.json().catch(() => ({}))) as T };
}

export async function act<T = Record<string, unknown>>(
  name: string,
  body: unknown,
  language: string,
): Promise<{ ok: boolean; body: T & { detail?: string; title?: string } }> {
  const response = await fetch(`/api/actions/citizen-card.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'en' ? 'en' : 'ja' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, body: await response.json().catch(() => ({})) };
}
