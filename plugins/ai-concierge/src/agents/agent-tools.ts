import { type ActionDescription, type Actor, isPluginError, type PluginContext } from '@kiban/sdk';
import type { ToolCall, ToolSpec } from '../llm/chat-model.ts';
import { anonymise } from '../privacy/anonymise.ts';

/** What became of one tool call the model asked for, as the trace keeps it (inputs and outputs masked). */
export interface ToolCallTrace {
  /** `<plugin>.<action>`, or the name the model wrote when it is none of the agent's tools. */
  name: string;
  /** The arguments the model wrote, masked. */
  input: string;
  /**
   * `done`; `refused` by the engine or the action (`code`: `access.denied`, `action.invalidInput` …);
   * `notAllowed`: not one of the agent's tools, nothing was called; `overLimit`: beyond
   * `maxToolCalls`, nothing was called; `invalidArguments`: not a JSON object.
   */
  status: 'done' | 'refused' | 'notAllowed' | 'overLimit' | 'invalidArguments';
  code?: string;
  /** The action's answer, masked, as the model received it. */
  output?: string;
}

const OUTPUT_LIMIT = 4000;

/**
 * The actions an agent may call, each run through `ctx.plugins.call` as the asking principal —
 * the engine checks the action's roles, step-up and input exactly as over `POST /api/actions/…`,
 * so an agent can never do what its user could not. Nothing the model writes (or a passage it
 * read) adds a tool: a name outside the agent's `tools` is refused without a call. Only what
 * the principal may call is offered; the engine refuses the rest if the model asks anyway.
 */
export class AgentToolbox {
  readonly trace: ToolCallTrace[] = [];
  /** The masked answers of the calls that succeeded: what an answer's numbers may also come from. */
  readonly support: string[] = [];
  readonly #ctx: PluginContext;
  readonly #actor: Actor;
  readonly #limit: number;
  readonly #actions = new Map<string, ActionDescription>();

  constructor(ctx: PluginContext, actor: Actor, tools: string[], limit: number) {
    this.#ctx = ctx;
    this.#actor = actor;
    this.#limit = limit;
    for (const qualified of tools) {
      const dot = qualified.indexOf('.');
      const described = ctx.plugins.describe(qualified.slice(0, dot), qualified.slice(dot + 1));
      if (described) this.#actions.set(wireName(qualified), described);
    }
  }

  /** How many more calls the model may ask for: every call it asked for counts, run or refused. */
  get remaining(): number {
    return Math.max(0, this.#limit - this.trace.filter((call) => call.status !== 'overLimit').length);
  }

  specs(): ToolSpec[] {
    return [...this.#actions.entries()]
      .filter(([, described]) => mayCall(described, this.#actor))
      .map(([name, described]) => ({
        name,
        description: `${described.label.ja}${described.label.en ? ` / ${described.label.en}` : ''}`,
        parameters: described.input,
      }));
  }

  /** Runs one call (or refuses it) and answers the text the model receives as the tool's result. */
  async run(call: ToolCall): Promise<string> {
    const described = this.#actions.get(call.name);
    const input = (await anonymise(call.arguments.slice(0, OUTPUT_LIMIT))).text;
    const name = described?.name ?? call.name.slice(0, 120);
    if (this.remaining === 0) return this.#refuse({ name, input, status: 'overLimit' }, 'agent.toolLimit');
    if (!described) return this.#refuse({ name, input, status: 'notAllowed' }, 'agent.toolNotAllowed');
    const args = parseObject(call.arguments);
    if (!args) return this.#refuse({ name, input, status: 'invalidArguments' }, 'agent.invalidArguments');
    const [plugin, action] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
    try {
      const result = await this.#ctx.plugins.call(plugin, action, args, this.#actor);
      const output = (await anonymise(JSON.stringify({ result }).slice(0, OUTPUT_LIMIT))).text;
      this.trace.push({ name, input, status: 'done', output });
      this.support.push(output);
      return output;
    } catch (error) {
      if (!isPluginError(error)) throw error;
      return this.#refuse({ name, input, status: 'refused', code: error.code }, error.code);
    }
  }

  #refuse(trace: ToolCallTrace, code: string): string {
    const output = JSON.stringify({ error: { code } });
    this.trace.push({ ...trace, code, output });
    return output;
  }
}

/** The protocol allows `[A-Za-z0-9_-]` in tool names: `reservations.book` is offered as `reservations__book`. */
export function wireName(qualified: string): string {
  return qualified.replace('.', '__');
}

function mayCall(described: ActionDescription, actor: Actor): boolean {
  if (described.roles.length === 0 || actor.kind === 'system') return true;
  return described.roles.some((role) => actor.roles.includes(role));
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
