/** The LLM port: what the concierge needs from a language model, whoever serves it. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  text: string;
  model: string;
  usage: TokenUsage;
}

export interface ChatOptions {
  /** Called with each piece of the answer as the endpoint streams it. */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
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
  constructor(reason: 'timeout' | 'error' | 'garbage', message: string) {
    super(message);
    this.name = 'ModelUnavailable';
    this.reason = reason;
  }
}
