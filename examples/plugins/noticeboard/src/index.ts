import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';
import { currentNotices } from './current-notices.ts';

const NOTICE = 'Notice';

/**
 * A ward notice board. The data — the `Notice` entity and who may do what — is metadata;
 * the code adds a `post` action with its own input rules and a route for what is on the
 * board today.
 */
export default definePlugin({
  name: 'noticeboard',
  version: '0.1.0',
  requires: { engine: '>=0.1.0' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  actions: [
    {
      name: 'post',
      label: { ja: 'お知らせを掲載する', en: 'Post a notice' },
      input: {
        type: 'object',
        required: ['title', 'body', 'publishFrom'],
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 100 },
          body: { type: 'string', minLength: 1, maxLength: 4000 },
          ward: { type: 'string', minLength: 1, maxLength: 20 },
          publishFrom: { type: 'string', format: 'date' },
          publishUntil: { type: 'string', format: 'date' },
        },
        additionalProperties: false,
      },
      roles: ['noticeboard-staff'],
      async handler(input, ctx) {
        const notice = await ctx.data(ctx.actor).create(NOTICE, input as Record<string, unknown>);
        ctx.logger.info('notice posted', { id: notice.id });
        return notice;
      },
    },
  ],
  routes(app, ctx) {
    app.get('/current', async (c) => {
      const ward = c.req.query('ward');
      return c.json({ items: await currentNotices(ctx.data(c.get('actor')), new Date(), ward) });
    });
  },
});
