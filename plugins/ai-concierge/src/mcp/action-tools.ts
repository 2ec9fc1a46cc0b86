import { type ActionDescription, type Actor, isPluginError, type PluginsApi } from '@kiban/sdk';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { toolError, toolResult } from './tool-results.ts';

/**
 * The Kiban actions an administrator chose (`mcpActions`, `<plugin>.<action>`) as MCP tools,
 * each run through `ctx.plugins.call` as `actor` — the API token's principal — so a tool can do
 * exactly what that principal could do over `POST /api/actions/…`: the action's roles, step-up
 * and input schema are checked by the engine, and a refusal comes back as a tool error. Only
 * actions the principal holds a role for are listed; a name that is not running is left out.
 */
export function registerActionTools(server: McpServer, plugins: PluginsApi, names: string[], actor: Actor): void {
  for (const qualified of names) {
    const dot = qualified.indexOf('.');
    const plugin = qualified.slice(0, dot);
    const action = qualified.slice(dot + 1);
    const described = plugins.describe(plugin, action);
    if (!described || !mayCall(described, actor)) continue;
    server.registerTool(
      described.name,
      {
        title: described.label.en ?? described.label.ja,
        description: `${described.label.ja}${described.label.en ? ` / ${described.label.en}` : ''} — a city Kiban action, run as you under your permissions.`,
        inputSchema: toolInput(described),
      },
      async (input: Record<string, unknown>) => {
        try {
          return toolResult({ result: await plugins.call(plugin, action, input, actor) });
        } catch (error) {
          if (!isPluginError(error)) throw error;
          return toolError(error.code, error.localized.en ?? error.localized.ja, error.details);
        }
      },
    );
  }
}

function mayCall(described: ActionDescription, actor: Actor): boolean {
  if (described.roles.length === 0) return true;
  return actor.kind === 'principal' && described.roles.some((role) => actor.roles.includes(role));
}

/**
 * The action's JSON Schema as the tool's input schema, so an MCP client sees what to send. The
 * engine validates again with the action's own schema: this conversion only describes. An input
 * that is not an object schema takes any object.
 */
function toolInput(described: ActionDescription): z.ZodObject {
  if (described.input.type === 'object') {
    const converted = z.fromJSONSchema(described.input as Parameters<typeof z.fromJSONSchema>[0]);
    if (converted instanceof z.ZodObject) return converted;
  }
  return z.looseObject({});
}
