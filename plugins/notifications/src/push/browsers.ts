import type { PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it (without the expiry). */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** A resident's browsers that get notices; the longest unused is dropped past this many. */
export const MAX_BROWSERS = 10;

/**
 * The browsers in a `push` contact's address: a JSON array of subscriptions (one object, as
 * addresses were written before residents could have several, counts as one browser).
 */
export function browsersOf(address: string): PushSubscriptionJson[] {
  try {
    const parsed: unknown = JSON.parse(address);
    return (Array.isArray(parsed) ? parsed : [parsed]).filter(isSubscription);
  } catch {
    return [];
  }
}

function isSubscription(value: unknown): value is PushSubscriptionJson {
  const candidate = value as Partial<PushSubscriptionJson> | null;
  return typeof candidate?.endpoint === 'string' && Boolean(candidate.keys?.p256dh && candidate.keys.auth);
}

/** Adds (or renews) this browser; the resident's other browsers stay. */
export async function addBrowser(
  ctx: PluginContext,
  recipient: string,
  browser: PushSubscriptionJson,
): Promise<number> {
  return changeBrowsers(ctx, recipient, (browsers) =>
    [...browsers.filter((each) => each.endpoint !== browser.endpoint), browser].slice(-MAX_BROWSERS),
  );
}

/** Removes one browser, or every browser when none is named. */
export async function removeBrowser(ctx: PluginContext, recipient: string, endpoint?: string): Promise<number> {
  return changeBrowsers(ctx, recipient, (browsers) =>
    endpoint === undefined ? [] : browsers.filter((each) => each.endpoint !== endpoint),
  );
}

/**
 * A push service said a subscription is gone (404/410): that browser is dropped from whichever
 * resident has it, so later notices are not sent to it again.
 */
export async function dropGoneBrowser(ctx: PluginContext, endpoint: string): Promise<void> {
  const found = await ctx.sql.query<{ recipient: string }>(
    `select recipient from contact
      where channel = 'push' and address::jsonb @> jsonb_build_array(jsonb_build_object('endpoint', $1::text))`,
    [endpoint],
  );
  for (const row of found.rows) await removeBrowser(ctx, row.recipient, endpoint);
}

async function changeBrowsers(
  ctx: PluginContext,
  recipient: string,
  change: (browsers: PushSubscriptionJson[]) => PushSubscriptionJson[],
): Promise<number> {
  return ctx.transaction(SYSTEM, async () => {
    const current = await ctx.sql.query<{ address: string }>(
      `select address from contact where recipient = $1 and channel = 'push' for update`,
      [recipient],
    );
    const browsers = change(browsersOf(current.rows[0]?.address ?? '[]'));
    if (browsers.length === 0) {
      await ctx.sql.query(`delete from contact where recipient = $1 and channel = 'push'`, [recipient]);
    } else {
      await ctx.sql.query(
        `insert into contact (recipient, channel, address) values ($1, 'push', $2)
         on conflict (recipient, channel) do update set address = excluded.address`,
        [recipient, JSON.stringify(browsers)],
      );
    }
    return browsers.length;
  });
}
