import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The model sandbox: a real local HTTP server speaking the OpenAI chat-completions (streamed and
 * not) and embeddings protocol, for development and tests. It is no language model: it answers
 * with the first sentence of the first numbered passage it was sent, cited as `[1]`, counts
 * tokens as characters, and records every request so a test can check what left the process.
 * `behaviour` makes it slow, down, malformed, say a fixed reply, or ask for tool calls.
 */
export type SandboxBehaviour =
  | { kind: 'answer' }
  /** A fixed reply; streamed with `pieceDelayMs` between its pieces, so a page can be watched while it arrives. */
  | { kind: 'reply'; text: string; pieceDelayMs?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'down' }
  | { kind: 'garbage' }
  /**
   * Asks for these tool calls (`name` as the request's tools spell it, or any other: a model
   * may ask for what it was not offered) while no tool result has come back, then answers as
   * `answer` does.
   */
  | { kind: 'toolCalls'; calls: Array<{ name: string; arguments: unknown }>; delayMs?: number };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
  /** The raw body as it arrived, for searching it for values that must never leave. */
  raw: string;
}

export interface ModelSandbox {
  /** The base URL to configure, ending in `/v1`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  behaviour: SandboxBehaviour;
  close(): Promise<void>;
}

export async function startModelSandbox(port = 0): Promise<ModelSandbox> {
  const state: { behaviour: SandboxBehaviour; requests: RecordedRequest[] } = {
    behaviour: { kind: 'answer' },
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
  state: { behaviour: SandboxBehaviour; requests: RecordedRequest[] },
  request: IncomingMessage,
  response: ServerResponse,
) {
  const raw = await readBody(request);
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return sendJson(response, 400, { error: { message: 'The body is not JSON.', type: 'invalid_request_error' } });
  }
  state.requests.push({ path: request.url ?? '', authorization: request.headers.authorization, body, raw });
  const behaviour = state.behaviour;
  if (behaviour.kind === 'down')
    return sendJson(response, 503, { error: { message: 'The sandbox is down.', type: 'server_error' } });
  const delayMs = behaviour.kind === 'slow' || behaviour.kind === 'toolCalls' ? behaviour.delayMs : undefined;
  if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  if (response.destroyed) return;
  if (request.url === '/v1/embeddings') return sendJson(response, 200, embeddings(body));
  if (request.url !== '/v1/chat/completions')
    return sendJson(response, 404, { error: { message: 'Unknown path.', type: 'invalid_request_error' } });
  if (behaviour.kind === 'garbage') {
    response.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
    return response.end(body.stream ? 'data: {"choices": [{"delta": {"content": "答え\n\n' : '<html>');
  }
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role: string }>) : [];
  if (behaviour.kind === 'toolCalls' && !messages.some((message) => message.role === 'tool'))
    return sendToolCalls(response, body, behaviour.calls);
  const text = behaviour.kind === 'reply' ? behaviour.text : answerFromPrompt(body);
  const prompt = JSON.stringify(body.messages ?? '').length;
  const usage = { prompt_tokens: prompt, completion_tokens: text.length, total_tokens: prompt + text.length };
  const model = String(body.model ?? 'sandbox');
  if (!body.stream) {
    return sendJson(response, 200, {
      id: 'sandbox',
      object: 'chat.completion',
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage,
    });
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (payload: unknown) => response.write(`data: ${JSON.stringify(payload)}\n\n`);
  const pause = behaviour.kind === 'reply' ? (behaviour.pieceDelayMs ?? 0) : 0;
  for (const piece of text.match(/.{1,8}/gsu) ?? []) {
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    if (response.destroyed) return;
    chunk({
      id: 'sandbox',
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta: { content: piece }, finish_reason: null }],
    });
  }
  chunk({
    id: 'sandbox',
    object: 'chat.completion.chunk',
    model,
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  });
  chunk({ id: 'sandbox', object: 'chat.completion.chunk', model, choices: [], usage });
  response.end('data: [DONE]\n\n');
}

/** The tool calls, streamed in pieces as the protocol sends them (arguments split in two). */
function sendToolCalls(
  response: ServerResponse,
  body: Record<string, unknown>,
  calls: Array<{ name: string; arguments: unknown }>,
) {
  const model = String(body.model ?? 'sandbox');
  const usage = { prompt_tokens: JSON.stringify(body.messages ?? '').length, completion_tokens: 10, total_tokens: 0 };
  const pieces = calls.flatMap((call, index) => {
    const text = JSON.stringify(call.arguments);
    const half = Math.floor(text.length / 2);
    return [
      { index, id: `call-${index}`, type: 'function', function: { name: call.name, arguments: text.slice(0, half) } },
      { index, function: { arguments: text.slice(half) } },
    ];
  });
  if (!body.stream) {
    const toolCalls = calls.map((call, index) => ({
      id: `call-${index}`,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    return sendJson(response, 200, {
      id: 'sandbox',
      object: 'chat.completion',
      model,
      choices: [
        { index: 0, message: { role: 'assistant', content: null, tool_calls: toolCalls }, finish_reason: 'tool_calls' },
      ],
      usage,
    });
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (payload: unknown) => response.write(`data: ${JSON.stringify(payload)}\n\n`);
  for (const piece of pieces)
    chunk({
      id: 'sandbox',
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta: { tool_calls: [piece] }, finish_reason: null }],
    });
  chunk({
    id: 'sandbox',
    object: 'chat.completion.chunk',
    model,
    choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }],
  });
  chunk({ id: 'sandbox', object: 'chat.completion.chunk', model, choices: [], usage });
  response.end('data: [DONE]\n\n');
}

/** The first sentence after the marker `[1]` in the last user message. */
function answerFromPrompt(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content: string }>) : [];
  const user = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
  const passage = /\[1\][^\n]*\n([^\n]+)/u.exec(user)?.[1] ?? '';
  const sentence = /^[^。]*。?/u.exec(passage)?.[0] ?? '';
  return sentence ? `${sentence} [1]` : '資料に答えが見つかりません。';
}

/** 64 dimensions of hashed character bigrams: similar texts get similar vectors. */
function embeddings(body: Record<string, unknown>) {
  const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
  const data = inputs.map((text, index) => {
    const vector = new Array<number>(64).fill(0);
    for (let i = 0; i + 1 < text.length; i += 1) vector[(text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) % 64] += 1;
    const norm = Math.hypot(...vector) || 1;
    const unit = vector.map((value) => value / norm);
    // The protocol's default for many clients: little-endian float32, base64-encoded.
    const embedding =
      body.encoding_format === 'base64' ? Buffer.from(new Float32Array(unit).buffer).toString('base64') : unit;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum, text) => sum + text.length, 0);
  return {
    object: 'list',
    model: String(body.model ?? 'sandbox'),
    data,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
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
