import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { myReservations } from './my-reservations.ts';
import { occupancyOn } from './occupancy-query.ts';
import { residentReservations } from './resident-reservations.ts';
import { callerOf } from './roles.ts';

/**
 * Under `/api/plugins/reservations`: `GET /my` for residents, and for staff
 * `GET /occupancy?date=YYYY-MM-DD` and `GET /residents/:resident/reservations`.
 */
export function reservationRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/my', async (c) => c.json(await myReservations(ctx, callerOf(c.get('actor')))));
  app.get('/occupancy', async (c) => c.json(await occupancyOn(ctx, callerOf(c.get('actor')), c.req.query('date'))));
  app.get('/residents/:resident/reservations', async (c) =>
    c.json(await residentReservations(ctx, callerOf(c.get('actor')), c.req.param('resident'))),
  );
}
