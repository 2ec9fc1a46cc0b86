/** The LLM port: what the concierge needs from a language model, whoever serves it. */

/** A message of the conversation sent to the model; `tool` carries an action's result back. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

/** A call of a tool the model asked for: `arguments` is the JSON text it wrote, not yet parsed. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A tool offered to the model: a name of `[A-Za-z0-9_-]`, what it does, and its input's JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  text: string;
  model: string;
  usage: TokenUsage;
  /** The tools the model asked to call instead of (or before) answering; empty when none. */
  toolCalls: ToolCall[];
}

export interface ChatOptions {
  /** Called with each piece of the answer as the endpoint streams it. */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  /** Tools the model may ask to call. */
  tools?: ToolSpec[];
  /** Most tokens the model may write. */
  maxTokens?: number;
}

export interface ChatModel {
  /** The model's name as the endpoint knows it, shown to staff with each answer. */
  readonly model: string;
  chat(messages: ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<{ vectors: number[][]; usage: TokenUsage }>;
}

/**
 * Why a model's answer was not used: the endpoint did not answer in time, failed, or answered
 * something the concierge may not show (no citation, a number no passage supports).
 */
export class ModelUnavailable extends Error {
  readonly reason: 'timeout' | 'error' | 'garbage';
  /** The tokens the requests before the failure used: they are paid for even though the answer is not shown. */
  usage?: TokenUsage;
  constructor(reason: 'timeout' | 'error' | 'garbage', message: string) {
    super(message);
    this.name = 'ModelUnavailable';
    this.reason = reason;
  }
}

/** `error` with the tokens spent so far, when it is the model's failure; any other error unchanged. */
export function withSpentTokens(error: unknown, usage: TokenUsage): unknown {
  if (error instanceof ModelUnavailable && !error.usage) error.usage = { ...usage };
  return error;
}
