import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { myReservations } from './my-reservations.ts';
import { occupancyOn } from './occupancy-query.ts';
import { callerOf } from './roles.ts';

/** `GET /my` for residents and `GET /occupancy?date=YYYY-MM-DD` for staff, under `/api/plugins/reservations`. */
export function reservationRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/my', async (c) => c.json(await myReservations(ctx, callerOf(c.get('actor')))));
  app.get('/occupancy', async (c) => c.json(await occupancyOn(ctx, callerOf(c.get('actor')), c.req.query('date'))));
}
