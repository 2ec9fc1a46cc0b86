import type { Hono, PluginContext, PublicRoutes } from '@kiban/sdk';
import { applyProviderEvent } from './orders/capture.ts';
import { providerOf } from './settings.ts';
import { storeOf } from './storage/context-store.ts';

/**
 * `POST /api/public/payments/webhook`: the provider's notifications. The signature over the
 * raw body is checked before anything is read from it; a bad one is a 401 and changes nothing.
 * The event is recorded and applied in one transaction, so a replay is a no-op and a failure
 * (a 500) leaves nothing behind for the provider's next delivery to trip over.
 */
export const publicRoutes: PublicRoutes = {
  rateLimit: { requests: 600, perSeconds: 60 },
  routes(app: Hono, ctx: PluginContext) {
    app.post('/webhook', async (c) => {
      const raw = await c.req.text();
      const provider = await providerOf(ctx);
      const event = provider.verifyWebhook(raw, c.req.header('x-komoju-signature'));
      if (!event) {
        ctx.logger.warn('webhook refused: bad signature');
        return c.json(
          { error: { code: 'payments.badSignature', message: 'The signature does not verify.', details: [] } },
          401,
        );
      }
      const fulfilled = await storeOf(ctx).transaction(async (sql) => {
        const order = await applyProviderEvent(sql, event);
        if (order)
          await ctx.events.publish('paid', {
            orderId: order.orderId,
            purpose: order.purpose,
            reference: order.reference,
          });
        return order;
      });
      ctx.logger.info('provider event applied', {
        eventId: event.eventId,
        type: event.type,
        fulfilled: fulfilled?.orderId ?? null,
      });
      return c.json({ received: true });
    });
  },
};
