import type OpenAI from 'openai';
import type { ChatMessage, ToolCall, ToolSpec } from './chat-model.ts';

type WireMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type WireTool = OpenAI.Chat.Completions.ChatCompletionTool;
type StreamedToolCall = OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta.ToolCall;

/** The port's messages in the chat-completions protocol's shape. */
export function wireMessages(messages: ChatMessage[]): WireMessage[] {
  return messages.map((message): WireMessage => {
    if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    if (message.role === 'assistant' && message.toolCalls?.length) {
      return {
        role: 'assistant',
        content: message.content || null,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    }
    return { role: message.role, content: message.content };
  });
}

export function wireTools(tools: ToolSpec[]): WireTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.parameters },
  }));
}

/**
 * Tool calls arrive in pieces (the id and name first, the arguments' JSON in fragments), each
 * piece naming the call's `index`: this puts them together.
 */
export class ToolCallAssembler {
  readonly #calls: Array<{ id: string; name: string; arguments: string }> = [];

  add(pieces: StreamedToolCall[]): void {
    for (const piece of pieces) {
      const call = this.#calls[piece.index] ?? { id: '', name: '', arguments: '' };
      this.#calls[piece.index] = call;
      if (piece.id) call.id = piece.id;
      if (piece.function?.name) call.name += piece.function.name;
      if (piece.function?.arguments) call.arguments += piece.function.arguments;
    }
  }

  calls(): ToolCall[] {
    return this.#calls.filter(Boolean).map((call, index) => ({ ...call, id: call.id || `call-${index}` }));
  }
}
