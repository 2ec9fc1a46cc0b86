import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerDeepL } from './deepl-contract.ts';
import { sandboxTranslation } from './translation-sandbox-mark.ts';

/**
 * The translation sandbox: a real local HTTP server speaking the OpenAI chat-completions
 * protocol (unstreamed) and DeepL's text API (`/v2/translate`, see `deepl-contract.ts`), for
 * development and tests. It is no translator: it answers the user's
 * message marked with the target language the instruction names — `[en] 粗大ごみ…` — so a
 * reader (or a test) always tells a sandbox "translation" from a real one and from the
 * original. It records every request. `behaviour` makes it slow, fail with 500, or answer garbage.
 */
export type TranslationSandboxBehaviour =
  | { kind: 'translate' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'down' }
  | { kind: 'garbage' };

export interface RecordedTranslationRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface TranslationSandbox {
  /** The base URL to configure for `openai-compatible`, ending in `/v1`. */
  readonly baseUrl: string;
  /** The base URL to configure for `deepl` (the server's origin, before `/v2/translate`). */
  readonly origin: string;
  readonly requests: RecordedTranslationRequest[];
  behaviour: TranslationSandboxBehaviour;
  close(): Promise<void>;
}

export { sandboxTranslation };

export async function startTranslationSandbox(port = 0): Promise<TranslationSandbox> {
  const state: { behaviour: TranslationSandboxBehaviour; requests: RecordedTranslationRequest[] } = {
    behaviour: { kind: 'translate' },
    requests: [],
  };
  const server = createServer((request, response) => {
    handle(state, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    origin: `http://127.0.0.1:${address.port}`,
    requests: state.requests,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(value) {
      state.behaviour = value;
    },
    close: () => closeServer(server),
  };
}

async function handle(
  state: { behaviour: TranslationSandboxBehaviour; requests: RecordedTranslationRequest[] },
  request: IncomingMessage,
  response: ServerResponse,
) {
  const raw = await readBody(request);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return sendJson(response, 400, { error: { message: 'The body is not JSON.', type: 'invalid_request_error' } });
  }
  state.requests.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
  const behaviour = state.behaviour;
  if (behaviour.kind === 'down')
    return sendJson(response, 500, { error: { message: 'The sandbox is down.', type: 'server_error' } });
  if (behaviour.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
  if (response.destroyed) return;
  if (request.url === '/v2/translate') {
    if (behaviour.kind === 'garbage') return sendJson(response, 200, { translations: [] });
    return sendJson(response, ...answerDeepL(request.headers.authorization, body));
  }
  if (request.url !== '/v1/chat/completions')
    return sendJson(response, 404, { error: { message: 'Unknown path.', type: 'invalid_request_error' } });
  if (behaviour.kind === 'garbage') {
    response.writeHead(200, { 'content-type': 'text/html' });
    return response.end('<html>');
  }
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content: string }>) : [];
  const instruction = messages.find((message) => message.role === 'system')?.content ?? '';
  const text = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
  // The instruction names the target as "into <name> (<tag>)".
  const target = /\binto [^(\n]*\(([A-Za-z-]+)\)/u.exec(instruction)?.[1] ?? 'unknown';
  const translated = sandboxTranslation(text, target);
  return sendJson(response, 200, {
    id: 'sandbox',
    object: 'chat.completion',
    model: String(body.model ?? 'sandbox'),
    choices: [{ index: 0, message: { role: 'assistant', content: translated }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: raw.length,
      completion_tokens: translated.length,
      total_tokens: raw.length + translated.length,
    },
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, payload: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
