import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelUnavailable } from '../src/llm/chat-model.ts';
import { OpenAiCompatibleModel } from '../src/llm/openai-compatible.ts';
import { type ModelSandbox, startModelSandbox } from '../src/sandbox/model-sandbox.ts';

describe('the OpenAI-compatible model adapter against the model sandbox', () => {
  let sandbox: ModelSandbox;
  const adapter = (timeoutMs = 5_000) =>
    new OpenAiCompatibleModel({
      baseUrl: sandbox.baseUrl,
      apiKey: 'sk-test-key',
      model: 'city-model',
      embeddingModel: 'city-embed',
      timeoutMs,
    });

  beforeAll(async () => {
    sandbox = await startModelSandbox();
  });
  afterAll(() => sandbox?.close());

  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ModelUnavailable);
    return error as ModelUnavailable;
  };

  it('streams the answer, reports the usage and sends the key, the model and the messages', async () => {
    sandbox.behaviour = { kind: 'answer' };
    const deltas: string[] = [];
    const result = await adapter().chat(
      [
        { role: 'system', content: '資料だけで答えてください。' },
        {
          role: 'user',
          content:
            '資料:\n[1] 通知カード\n通知カードは簡易書留で届きます。再配達もできます。\n\n質問: 通知カードはどう届く？',
        },
      ],
      { onDelta: (delta) => deltas.push(delta) },
    );
    expect(result.text).toBe('通知カードは簡易書留で届きます。 [1]');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(result.text);
    expect(result.usage.completionTokens).toBe(result.text.length);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    const request = sandbox.requests.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.authorization).toBe('Bearer sk-test-key');
    expect(request?.body).toMatchObject({ model: 'city-model', stream: true, stream_options: { include_usage: true } });
  });

  it('offers tools, puts streamed tool calls together, and sends their results back in the protocol', async () => {
    sandbox.behaviour = { kind: 'toolCalls', calls: [{ name: 'knowledge__areas', arguments: { city: '神戸市' } }] };
    const tools = [{ name: 'knowledge__areas', description: '地区', parameters: { type: 'object' } }];
    const question = { role: 'user' as const, content: '資料:\n[1] 収集日\n燃えるごみは月曜日です。\n\n質問: いつ？' };
    const first = await adapter().chat([question], { tools, maxTokens: 200 });
    expect(first.toolCalls).toEqual([{ id: 'call-0', name: 'knowledge__areas', arguments: '{"city":"神戸市"}' }]);
    expect(sandbox.requests.at(-1)?.body).toMatchObject({
      max_tokens: 200,
      tools: [{ type: 'function', function: { name: 'knowledge__areas', parameters: { type: 'object' } } }],
    });
    const second = await adapter().chat([
      question,
      { role: 'assistant', content: '', toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: 'call-0', content: '{"result":[]}' },
    ]);
    expect(second).toMatchObject({ text: '燃えるごみは月曜日です。 [1]', toolCalls: [] });
    expect(sandbox.requests.at(-1)?.body.messages).toEqual([
      question,
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call-0', type: 'function', function: { name: 'knowledge__areas', arguments: '{"city":"神戸市"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call-0', content: '{"result":[]}' },
    ]);
  });

  it('embeds texts, one vector each, similar texts closer than unrelated ones', async () => {
    sandbox.behaviour = { kind: 'answer' };
    const { vectors, usage } = await adapter().embed([
      'マイナンバーカードの申請',
      'マイナンバーカードを申請する',
      '粗大ごみの収集日',
    ]);
    expect(vectors).toHaveLength(3);
    const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    const [card, apply, garbage] = vectors as [number[], number[], number[]];
    expect(dot(card, apply)).toBeGreaterThan(dot(card, garbage));
    expect(usage.promptTokens).toBeGreaterThan(0);
    expect(sandbox.requests.at(-1)?.body).toMatchObject({ model: 'city-embed' });
  });

  it('gives up on a slow endpoint after its timeout', async () => {
    sandbox.behaviour = { kind: 'slow', delayMs: 2_000 };
    const started = Date.now();
    const error = await failure(adapter(300).chat([{ role: 'user', content: 'x' }]));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it('reports an endpoint that is down, and one that answers garbage', async () => {
    sandbox.behaviour = { kind: 'down' };
    expect((await failure(adapter().chat([{ role: 'user', content: 'x' }]))).reason).toBe('error');
    sandbox.behaviour = { kind: 'garbage' };
    expect((await failure(adapter().chat([{ role: 'user', content: 'x' }]))).reason).toBe('garbage');
  });

  it('refuses to embed without an embedding model', async () => {
    const bare = new OpenAiCompatibleModel({ baseUrl: sandbox.baseUrl, apiKey: 'k', model: 'm', timeoutMs: 1_000 });
    expect((await failure(bare.embed(['x']))).message).toContain('No embedding model');
  });
});
