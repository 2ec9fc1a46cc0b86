import OpenAI, { APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import {
  type ChatMessage,
  type ChatModel,
  type ChatOptions,
  type ChatResult,
  ModelUnavailable,
  type TokenUsage,
} from './chat-model.ts';
import { ToolCallAssembler, wireMessages, wireTools } from './openai-wire.ts';

export interface OpenAiCompatibleOptions {
  /** e.g. `https://api.example.com/v1`: the path before `/chat/completions`. */
  baseUrl: string;
  apiKey: string;
  model: string;
  embeddingModel?: string;
  /** Whole request, first byte to last streamed token. */
  timeoutMs: number;
}

/**
 * Any endpoint speaking the OpenAI chat-completions and embeddings protocol (a hosted model, a
 * city's own gateway, vLLM or Ollama), through the `openai` client: answers are streamed
 * (server-sent events), usage is asked for in the stream, and a slow, failing or malformed
 * endpoint becomes a `ModelUnavailable` the caller falls back from. No retries: the resident
 * is waiting, and the extractive answer is ready.
 */
export class OpenAiCompatibleModel implements ChatModel {
  readonly model: string;
  readonly #client: OpenAI;
  readonly #options: OpenAiCompatibleOptions;

  constructor(options: OpenAiCompatibleOptions) {
    this.model = options.model;
    this.#options = options;
    this.#client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey,
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
  }

  async chat(messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatResult> {
    const { signal, cancel } = deadline(this.#options.timeoutMs, options.signal);
    try {
      const stream = await this.#client.chat.completions.create(
        {
          model: this.model,
          messages: wireMessages(messages),
          stream: true,
          stream_options: { include_usage: true },
          temperature: 0,
          ...(options.tools?.length ? { tools: wireTools(options.tools) } : {}),
          ...(options.maxTokens ? { max_tokens: options.maxTokens } : {}),
        },
        { signal },
      );
      const toolCalls = new ToolCallAssembler();
      let text = '';
      let usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
      for await (const chunk of stream) {
        if (!chunk || !Array.isArray(chunk.choices))
          throw new ModelUnavailable('garbage', 'A streamed chunk has no choices.');
        const pieces = chunk.choices[0]?.delta?.tool_calls;
        if (Array.isArray(pieces)) toolCalls.add(pieces);
        const delta = chunk.choices[0]?.delta?.content;
        if (typeof delta === 'string' && delta !== '') {
          text += delta;
          options.onDelta?.(delta);
        }
        if (chunk.usage)
          usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
      }
      return { text, model: this.model, usage, toolCalls: toolCalls.calls() };
    } catch (error) {
      throw unavailable(error, signal);
    } finally {
      cancel();
    }
  }

  async embed(texts: string[], options: { signal?: AbortSignal } = {}) {
    const model = this.#options.embeddingModel;
    if (!model) throw new ModelUnavailable('error', 'No embedding model is configured.');
    const { signal, cancel } = deadline(this.#options.timeoutMs, options.signal);
    try {
      const response = await this.#client.embeddings.create({ model, input: texts }, { signal });
      const vectors = response.data?.map((item) => item.embedding);
      if (!vectors || vectors.length !== texts.length || vectors.some((vector) => !Array.isArray(vector))) {
        throw new ModelUnavailable('garbage', 'The embeddings response does not hold one vector per text.');
      }
      const usage = { promptTokens: response.usage?.prompt_tokens ?? 0, completionTokens: 0 };
      return { vectors: vectors as number[][], usage };
    } catch (error) {
      throw unavailable(error, signal);
    } finally {
      cancel();
    }
  }
}

/** The client's timeout covers the wait for headers only; this one also ends a stream that stalls. */
function deadline(timeoutMs: number, outer?: AbortSignal): { signal: AbortSignal; cancel: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new ModelUnavailable('timeout', `No complete answer within ${timeoutMs} ms.`)),
    timeoutMs,
  );
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    cancel: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}

function unavailable(error: unknown, signal: AbortSignal): ModelUnavailable {
  if (error instanceof ModelUnavailable) return error;
  if (signal.reason instanceof ModelUnavailable) return signal.reason;
  if (error instanceof APIConnectionTimeoutError) return new ModelUnavailable('timeout', error.message);
  if (error instanceof APIUserAbortError) return new ModelUnavailable('timeout', 'The request was cancelled.');
  if (error instanceof SyntaxError)
    return new ModelUnavailable('garbage', `The endpoint sent malformed data: ${error.message}`);
  return new ModelUnavailable('error', error instanceof Error ? error.message : String(error));
}
