/** The plugin's routes, the engine's records and workflows, and its actions, as the staff pages call them. */

export const BASE = '/api/plugins/crm';

export interface Problem {
  title?: string;
  detail?: string;
  errors?: Array<{ pointer?: string; message?: string }>;
}

export class RequestFailed extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? String(status));
    this.status = status;
    this.problem = problem;
  }
}

function headers(language: string, body: boolean): Record<string, string> {
  const values: Record<string, string> = { 'accept-language': language === 'en' ? 'en' : 'ja' };
  if (body) values['content-type'] = 'application/json';
  return values;
}

async function answer<T>(response: Response): Promise<T> {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new RequestFailed(response.status, body as Problem);
  return body as T;
}

export async function getJson<T>(path: string, language: string): Promise<T> {
  return answer<T>(await fetch(path, { credentials: 'same-origin', headers: headers(language, false) }));
}

export async function send<T>(
  method: string,
  path: string,
  body: unknown,
  language: string,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  return answer<T>(
    await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { ...headers(language, true), ...extraHeaders },
      body: JSON.stringify(body),
    }),
  );
}

/** A plugin action: `POST /api/actions/crm.<name>`; the result is unwrapped. */
export async function act<T>(name: string, input: unknown, language: string): Promise<T> {
  const body = await send<{ result?: T } & T>('POST', `/api/actions/crm.${name}`, input, language);
  return (body.result ?? body) as T;
}

/** The message a refusal shows: the problem's detail, then each field's message. */
export function problemText(error: unknown, fallback: string): string {
  if (!(error instanceof RequestFailed)) return fallback;
  const fields = (error.problem.errors ?? []).map((item) => item.message).filter(Boolean);
  return [error.problem.detail ?? error.problem.title ?? fallback, ...fields].join(' ');
}

/** A query string of the values that are set. */
export function queryString(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
