import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginContext, type PluginDefinition } from '@kiban/sdk';
import { knowledgeActions } from './actions.ts';
import { reindexWhenAnalysisChanged } from './analysis-upgrade.ts';
import { knowledgeRoutes } from './catalogue.ts';
import { gomiCommand } from './cli/gomi-command.ts';
import { kbCommand } from './cli/kb-command.ts';
import { residentActions } from './eligibility/actions.ts';
import { faqDraftActions } from './faq-drafts/draft-actions.ts';
import { knowledgeJobs } from './jobs.ts';
import { PassageIndex } from './passage-index.ts';
import { passagesAction } from './passages-action.ts';
import { knowledgePublicRoutes } from './public-routes.ts';
import { reviewActions } from './review/actions.ts';
import { reviewRoutes } from './review/routes.ts';
import { applyApprovedRevision, REVISABLE, reviseAction } from './revisions/revisions.ts';
import { SOURCE_ENTITIES } from './sources.ts';
import { knowledgeStorage } from './storage.ts';

/** How often each process reads the passages other processes wrote: an edit is found within a second. */
const REFRESH_MILLISECONDS = 300;

/**
 * The knowledge plugin (functions #15, #48, #55, #61, #62): the benefit registry, FAQ, staff
 * articles and the garbage-sorting dictionary as metadata, and the embedded Japanese search
 * over them. Each call makes an independent instance (its own index), for tests that start
 * several engines in one process.
 */
export function knowledgePlugin(): PluginDefinition {
  let opening: Promise<PassageIndex> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let refreshing = false;
  let stopped = false;
  let context: PluginContext | undefined;
  const index = () => {
    if (!context) throw new Error('The knowledge plugin has not started.');
    opening ??= PassageIndex.open(context);
    return opening;
  };
  // A search reads what was committed before it, not what the last timed refresh saw: an FAQ
  // published a moment ago is found (and quoted by the concierge) at once.
  const searchable = async () => {
    const ready = await index();
    if (context) await ready.catchUp(context);
    return ready;
  };
  return definePlugin({
    name: 'knowledge',
    version: '0.1.0',
    requires: { engine: '>=0.1.0' },
    metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
    actions: [
      ...knowledgeActions(searchable),
      passagesAction,
      ...residentActions,
      ...reviewActions,
      reviseAction,
      ...faqDraftActions(index),
    ],
    publicRoutes: knowledgePublicRoutes(searchable),
    routes: (app, ctx) => {
      knowledgeRoutes(app, ctx);
      reviewRoutes(app, ctx);
    },
    jobs: knowledgeJobs(index),
    cli: [kbCommand, gomiCommand],
    ui: {
      dir: fileURLToPath(new URL('../ui', import.meta.url)),
      entry: 'index.js',
      components: [
        'knowledge-smart-faq',
        'knowledge-catalogue',
        'knowledge-feedback-review',
        'knowledge-zero-results',
        'knowledge-my-benefits',
        'knowledge-faq-drafts',
      ],
      recordPanels: [
        {
          name: 'revision',
          label: { ja: '改訂', en: 'Revision' },
          tag: 'knowledge-revision-panel',
          entities: ['KnowledgeFaq', 'Benefit', 'KnowledgeArticle'],
        },
      ],
    },
    storage: knowledgeStorage,
    events: [
      ...Object.keys(SOURCE_ENTITIES).map((entity) => ({
        event: 'record.*',
        entity,
        handler: async (event: { payload: unknown }, ctx: PluginContext) => {
          const payload = event.payload as { id: string };
          context ??= ctx;
          await (await index()).write(ctx, entity, payload.id);
        },
      })),
      ...REVISABLE.map((entity) => ({
        event: 'record.updated',
        entity,
        handler: async (event: { payload: unknown }, ctx: PluginContext) =>
          applyApprovedRevision(ctx, entity, (event.payload as { id: string }).id),
      })),
    ],
    async start(ctx) {
      context = ctx;
      const ready = await index();
      await reindexWhenAnalysisChanged(ctx);
      timer = setInterval(() => {
        if (refreshing) return;
        refreshing = true;
        ready
          .refresh(ctx)
          .catch((error: unknown) => {
            if (!stopped) ctx.logger.warn('search index refresh failed', { error: String(error) });
          })
          .finally(() => {
            refreshing = false;
          });
      }, REFRESH_MILLISECONDS);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
    },
  });
}

export default knowledgePlugin();
