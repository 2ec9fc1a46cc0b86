import { type Actor, isPluginError, type PluginContext, PluginError } from '@kiban/sdk';
import { Ajv } from 'ajv';
import { askInputSchema } from '../actions.ts';
import { askDependencies } from '../agents/ask-dependencies.ts';
import { RESIDENT_KINDS } from '../retrieval/knowledge-retrieval.ts';
import { type AskInput, ask } from './ask.ts';

const validate = new Ajv({ allErrors: true }).compile(askInputSchema);

/** The same 422 the action answers, with a pointer to each bad value. */
function invalidInput(): PluginError {
  return new PluginError(
    'action.invalidInput',
    422,
    { ja: '入力内容に誤りがあります。', en: 'The input has invalid values.' },
    (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath,
      code: `schema.${error.keyword}`,
      message: { ja: '値が正しくありません。', en: error.message ?? 'invalid' },
    })),
  );
}

const encoder = new TextEncoder();
const event = (name: string, data: unknown) => encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * `POST /ask/stream`: `ask` as server-sent events. `delta` events carry the answer as it is
 * written — the model's text as it arrives, or the extractive answer passage by passage — and
 * are provisional: the number check has not run yet. A `restart` event withdraws what was
 * streamed (the model failed; the extractive answer's deltas follow). Then one `answer` event
 * carries exactly what the `ask` action answers — the only text to keep: the streamed text
 * once checked, or a decline in its place — or one `error` event `{ code, status, detail }`
 * (a 429 when the caller asks too fast). Bad input is refused before the stream opens.
 */
export async function askStream(ctx: PluginContext, actor: Actor, body: unknown, lang: 'ja' | 'en'): Promise<Response> {
  if (!validate(body)) throw invalidInput();
  const input = body as unknown as AskInput;
  // An unknown or refused agent is an HTTP error before the stream opens, like bad input.
  const deps = await askDependencies(ctx, actor, input.agent, RESIDENT_KINDS);
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        const answer = await ask(
          {
            ...deps,
            onDelta: (text) => controller.enqueue(event('delta', { text })),
            onRestart: () => controller.enqueue(event('restart', {})),
          },
          actor,
          input,
        );
        controller.enqueue(event('answer', answer));
      } catch (error) {
        if (!isPluginError(error)) ctx.logger.error('a streamed answer failed', { error: String(error) });
        const shown = isPluginError(error)
          ? { code: error.code, status: error.status, detail: error.localized[lang] }
          : { code: 'internal', status: 500, detail: lang === 'en' ? 'The answer failed.' : '回答に失敗しました。' };
        controller.enqueue(event('error', shown));
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' },
  });
}
