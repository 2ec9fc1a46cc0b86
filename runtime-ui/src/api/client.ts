import type { Language, ProblemDocument, RecordData, RecordPage } from '../metadata/index.ts';

/** The API refused a request; `problem` is its problem+json body. */
export class ApiProblemError extends Error {
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiProblemError';
    this.problem = problem;
  }
}

/** Where the API is and in which language its messages should come (the server speaks ja and en). */
export interface ApiOptions {
  apiBase?: string;
  language?: Language;
}

/** A JSON request with the session cookie; a refusal becomes an `ApiProblemError`. */
export async function requestJson<T>(path: string, options: ApiOptions, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json, application/problem+json');
  if (options.language) headers.set('accept-language', options.language);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(`${options.apiBase ?? ''}${path}`, { ...init, headers, credentials: 'same-origin' });
  const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    throw new ApiProblemError((body as ProblemDocument | undefined) ?? { status: response.status });
  }
  return body as T;
}

export function fetchRecordPage(entity: string, query: URLSearchParams, options: ApiOptions): Promise<RecordPage> {
  return requestJson<RecordPage>(`/api/data/${encodeURIComponent(entity)}?${query}`, options);
}

export function createRecord(entity: string, values: RecordData, options: ApiOptions): Promise<RecordData> {
  return requestJson<RecordData>(`/api/data/${encodeURIComponent(entity)}`, options, {
    method: 'POST',
    body: JSON.stringify(values),
  });
}

/** The description of a stored file, as a record's file field holds it. */
export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Sends `file` as the content of a record's file field; the server detects its type from the bytes. */
export async function uploadFile(
  entity: string,
  id: string,
  field: string,
  file: Blob & { name: string },
  options: ApiOptions,
): Promise<StoredFile> {
  const path = `/api/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/files/${encodeURIComponent(field)}`;
  const headers = new Headers({ accept: 'application/json, application/problem+json' });
  headers.set('content-type', 'application/octet-stream');
  if (options.language) headers.set('accept-language', options.language);
  const response = await fetch(`${options.apiBase ?? ''}${path}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiProblemError((body as ProblemDocument | undefined) ?? { status: response.status });
  return body as StoredFile;
}
