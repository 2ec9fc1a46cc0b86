import type { Actor, PluginContext } from '@kiban/sdk';
import type { Store } from './sql.ts';

const SYSTEM: Actor = { kind: 'system' };

/** The plugin's tables through the host: `ctx.sql`, with `ctx.transaction` for several statements. */
export function storeOf(ctx: PluginContext): Store {
  return {
    sql: ctx.sql,
    transaction: (work) => ctx.transaction(SYSTEM, () => work(ctx.sql)),
  };
}
