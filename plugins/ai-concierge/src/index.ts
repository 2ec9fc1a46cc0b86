import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginContext, type PluginDefinition } from '@kiban/sdk';
import { conciergeActions } from './actions.ts';
import { conciergeCommand } from './cli/concierge-command.ts';
import { StoredPassageRetrieval } from './retrieval/stored-retrieval.ts';
import { conciergeRoutes } from './routes.ts';
import { settingsSchema } from './settings.ts';
import { MIGRATIONS } from './storage.ts';

/**
 * The AI concierge (functions #16 and #61): answers residents' questions only from the city's
 * knowledge, with a citation on every answer, a person offered when it cannot answer, and
 * personal data masked before any text leaves for a model. Each call makes an independent
 * instance (its own passage index), for tests that start several engines in one process.
 */
export function aiConciergePlugin(): PluginDefinition {
  let retrieval: StoredPassageRetrieval | undefined;
  const current = () => {
    if (!retrieval) throw new Error('The ai-concierge plugin has not started.');
    return retrieval;
  };
  return definePlugin({
    name: 'ai-concierge',
    version: '0.1.0',
    requires: { engine: '>=0.1.0' },
    metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
    storage: { migrations: MIGRATIONS },
    settings: { schema: settingsSchema },
    actions: conciergeActions(current),
    routes: conciergeRoutes(current),
    cli: [conciergeCommand(current)],
    ui: {
      dir: fileURLToPath(new URL('../ui', import.meta.url)),
      entry: 'index.js',
      components: ['ai-concierge-chat'],
    },
    async start(ctx: PluginContext) {
      retrieval = new StoredPassageRetrieval(ctx);
      await retrieval.refresh();
    },
  });
}

export default aiConciergePlugin();
