import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginDefinition } from '@kiban/sdk';
import { conciergeActions } from './actions.ts';
import { conciergeCommand } from './cli/concierge-command.ts';
import { conciergeRoutes } from './routes.ts';
import { settingsSchema } from './settings.ts';
import { MIGRATIONS } from './storage.ts';

/**
 * The AI concierge (functions #16, #52 and #61): answers residents' and staff's questions only
 * from the city's knowledge (the knowledge plugin, called in process), with a citation on
 * every answer, a person offered when it cannot answer, and personal data masked before any
 * text leaves for a model.
 */
export function aiConciergePlugin(): PluginDefinition {
  return definePlugin({
    name: 'ai-concierge',
    version: '0.1.0',
    requires: { engine: '>=0.1.0' },
    metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
    storage: { migrations: MIGRATIONS },
    settings: { schema: settingsSchema },
    actions: conciergeActions,
    routes: conciergeRoutes,
    cli: [conciergeCommand],
    ui: {
      dir: fileURLToPath(new URL('../ui', import.meta.url)),
      entry: 'index.js',
      components: ['ai-concierge-chat'],
      staffPages: [
        {
          name: 'traces',
          label: { ja: 'コンシェルジュの会話記録', en: 'Concierge traces' },
          tag: 'ai-concierge-traces',
          menuOrder: 50,
        },
      ],
    },
  });
}

export default aiConciergePlugin();
