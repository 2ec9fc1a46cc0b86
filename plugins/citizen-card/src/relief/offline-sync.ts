import { type PluginContext, PluginError } from '@kiban/sdk';
import type { Refusal } from '../shared/verify-presentation.ts';
import { databaseReplayGuard } from '../status/trust.ts';
import { verifyAtSite } from '../verify/verify-at-site.ts';
import { distributionOf, type PickupOutcome, recordPickup, type Staff } from './pickups.ts';

/** How long after its scan an offline pickup may still be synced. */
export const OFFLINE_SYNC_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** A site's clock may run this far ahead of the server's. */
const SITE_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A pickup a site recorded while offline, after verifying the card on its own page. */
export interface OfflinePickup {
  /** The site's own id for this pickup: syncing it again changes nothing. */
  clientId: string;
  distributionId: string;
  presentation: string;
  /** When the site scanned the card (ISO 8601). */
  scannedAt: string;
  /** The nonce the site showed. */
  nonce?: string;
}

export type SyncRefusal = Refusal | 'syncTooLate' | 'scannedInFuture';

export type SyncResult =
  | { clientId: string; outcome: 'recorded'; pickupId: string }
  | {
      clientId: string;
      outcome: 'conflict';
      conflictId: string;
      reason: 'alreadyPickedUp' | 'refused';
      refusal?: SyncRefusal;
      firstPickup?: { site: string; pickedUpAt: string };
    }
  | { clientId: string; outcome: 'alreadySynced' };

/**
 * Records the pickups of a site that was offline. Each is verified as it was when scanned and
 * then recorded, unless the household was served already (at any site, online or synced
 * earlier) or the card no longer verifies: then it is listed as a conflict for staff, never
 * accepted twice. Every pickup is its own transaction, so one conflict does not undo the rest.
 */
export async function syncPickups(
  ctx: PluginContext,
  staff: Staff,
  input: { site: string; pickups: OfflinePickup[] },
  now: Date,
): Promise<{ results: SyncResult[] }> {
  // Unknown distributions are bad input: refused before anything is recorded.
  const distributions = new Map<string, { per: 'household' | 'person' }>();
  for (const id of new Set(input.pickups.map((pickup) => pickup.distributionId))) {
    distributions.set(id, await distributionOf(ctx, id));
  }
  const results: SyncResult[] = [];
  for (const pickup of input.pickups) {
    const per = distributions.get(pickup.distributionId)?.per ?? 'household';
    results.push(await syncOne(ctx, staff, input.site, pickup, per, now));
  }
  await ctx.audit({
    actor: staff,
    action: 'citizen-card.relief.synced',
    details: {
      site: input.site,
      recorded: results.filter((result) => result.outcome === 'recorded').length,
      conflicts: results.filter((result) => result.outcome === 'conflict').length,
    },
  });
  return { results };
}

async function syncOne(
  ctx: PluginContext,
  staff: Staff,
  site: string,
  pickup: OfflinePickup,
  per: 'household' | 'person',
  now: Date,
): Promise<SyncResult> {
  const { clientId } = pickup;
  return ctx.transaction(staff, async () => {
    // Two syncs of the same batch at once wait for each other here, then the second finds the first's result.
    await ctx.sql.query('select pg_advisory_xact_lock(hashtext($1))', [`citizen-card.pickup ${site} ${clientId}`]);
    if (await alreadySynced(ctx, site, clientId)) return { clientId, outcome: 'alreadySynced' };
    const scannedAt = new Date(pickup.scannedAt);
    const tooEarly = scannedAt.getTime() > now.getTime() + SITE_CLOCK_SKEW_MS;
    const tooLate = scannedAt.getTime() < now.getTime() - OFFLINE_SYNC_MAX_AGE_MS;
    const verified =
      tooEarly || tooLate
        ? { refusal: (tooEarly ? 'scannedInFuture' : 'syncTooLate') as SyncRefusal }
        : await verifyScanned(ctx, pickup, scannedAt);
    if ('refusal' in verified) {
      const conflictId = await recordConflict(ctx, staff, site, pickup, {
        reason: 'refused',
        refusal: verified.refusal,
      });
      return { clientId, outcome: 'conflict', conflictId, reason: 'refused', refusal: verified.refusal };
    }
    const outcome: PickupOutcome = await recordPickup(ctx, staff, {
      distributionId: pickup.distributionId,
      beneficiary: per === 'household' ? verified.householdId : verified.principalId,
      principalId: verified.principalId,
      site,
      clientId,
      scannedAt,
    });
    if (outcome.recorded) {
      await ctx.audit({
        actor: staff,
        action: 'citizen-card.relief.pickedUp',
        recordId: pickup.distributionId,
        details: { site, offline: true },
      });
      return { clientId, outcome: 'recorded', pickupId: outcome.pickupId };
    }
    const conflictId = await recordConflict(ctx, staff, site, pickup, {
      reason: 'alreadyPickedUp',
      beneficiary: per === 'household' ? verified.householdId : verified.principalId,
      principalId: verified.principalId,
      firstPickupId: outcome.first.id,
    });
    const firstPickup = { site: outcome.first.site, pickedUpAt: new Date(outcome.first.pickedUpAt).toISOString() };
    return { clientId, outcome: 'conflict', conflictId, reason: 'alreadyPickedUp', firstPickup };
  });
}

async function alreadySynced(ctx: PluginContext, site: string, clientId: string): Promise<boolean> {
  const found = await ctx.sql.query(
    `select 1 from pickup where site = $1 and client_id = $2
     union all select 1 from pickup_conflict where site = $1 and client_id = $2`,
    [site, clientId],
  );
  return found.rowCount > 0;
}

/** The card as it was at the scan; its nonce is kept long enough that no later sync reuses it. */
async function verifyScanned(ctx: PluginContext, pickup: OfflinePickup, scannedAt: Date) {
  try {
    return await verifyAtSite(
      ctx,
      { presentation: pickup.presentation, profileId: 'shelter', nonce: pickup.nonce },
      scannedAt,
      databaseReplayGuard(ctx, OFFLINE_SYNC_MAX_AGE_MS),
    );
  } catch (error) {
    if (!(error instanceof PluginError) || error.code !== 'citizenCard.refused') throw error;
    const code = error.details[0]?.code ?? 'citizenCard.tampered';
    return { refusal: code.slice('citizenCard.'.length) as SyncRefusal };
  }
}

async function recordConflict(
  ctx: PluginContext,
  staff: Staff,
  site: string,
  pickup: OfflinePickup,
  conflict: {
    reason: 'alreadyPickedUp' | 'refused';
    refusal?: SyncRefusal;
    beneficiary?: string;
    principalId?: string;
    firstPickupId?: string;
  },
): Promise<string> {
  const inserted = await ctx.sql.query<{ id: string }>(
    `insert into pickup_conflict
       (site, client_id, distribution_id, beneficiary, principal_id, scanned_at, reason, refusal, first_pickup_id, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [
      site,
      pickup.clientId,
      pickup.distributionId,
      conflict.beneficiary ?? null,
      conflict.principalId ?? null,
      pickup.scannedAt,
      conflict.reason,
      conflict.refusal ?? null,
      conflict.firstPickupId ?? null,
      staff.id,
    ],
  );
  const id = inserted.rows[0]?.id as string;
  await ctx.audit({
    actor: staff,
    action: 'citizen-card.relief.conflict',
    recordId: pickup.distributionId,
    details: { site, reason: conflict.reason, refusal: conflict.refusal ?? null },
  });
  return id;
}
