import type { RealtimeApi, RealtimeChannelContribution } from '@kiban/sdk';
import { sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { RealtimeChannel, RealtimeHub } from '../realtime/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { actorOf } from './actors.ts';
import type { PluginRuntime } from './context.ts';
import { currentTransaction } from './transaction-context.ts';

/** A payload bigger than this is refused: realtime messages are notices, not documents. */
const MAX_PAYLOAD_BYTES = 64 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** The channels every plugin declares, as the realtime hub asks them: `<plugin>.<name>`. */
export function pluginRealtimeChannels(runtimes: readonly PluginRuntime[]): RealtimeChannel[] {
  return runtimes.flatMap(({ definition, context, logger }) =>
    (definition.realtime?.channels ?? []).map((contribution) => ({
      name: `${definition.name}.${contribution.name}`,
      async authorize(principal, room) {
        try {
          return (await contribution.authorize({ actor: actorOf(principal), room }, context)) === true;
        } catch (error) {
          logger.error('realtime authorize failed', { channel: contribution.name, error: String(error) });
          return false;
        }
      },
      ...(contribution.authorizeGuest ? { authorizeGuest: guestCheck(contribution, context, logger) } : {}),
    })),
  );
}

/** A channel's guest check as the hub asks it: anything but true denies, and a throw denies too. */
function guestCheck(
  contribution: RealtimeChannelContribution,
  context: PluginRuntime['context'],
  logger: PluginRuntime['logger'],
) {
  const authorizeGuest = contribution.authorizeGuest;
  return async (room: string, credential: string): Promise<boolean> => {
    try {
      return (await authorizeGuest?.({ room, credential }, context)) === true;
    } catch (error) {
      logger.error('realtime guest authorize failed', { channel: contribution.name, error: String(error) });
      return false;
    }
  };
}

/**
 * `ctx.realtime` of one plugin. Inside a plugin transaction the message is stored in it and
 * sent by the transaction's after-commit step; otherwise it is stored and sent at once.
 */
export function pluginRealtimeApi(
  plugin: string,
  deps: { live(): LiveApp; hub(): RealtimeHub | undefined },
): RealtimeApi {
  return {
    async emit(channel, room, event, payload) {
      const hub = deps.hub();
      if (!hub) throw new Error('The realtime hub is not running.');
      const qualified = channel.startsWith(`${plugin}.`) ? channel : `${plugin}.${channel}`;
      checkMessage(hub, plugin, qualified, room, event, payload);
      const message = { channel: qualified, room, event, payload: payload ?? null };
      const transaction = currentTransaction();
      if (transaction) {
        if (!transaction.afterCommit) throw outsideCommitControl();
        transaction.afterCommit.push(await hub.record(sqlOf(transaction.em), message));
        return;
      }
      const live = deps.live();
      const release = live.enter();
      try {
        (await hub.record(live.sql(), message))();
      } finally {
        release();
      }
    },
  };
}

function checkMessage(
  hub: RealtimeHub,
  plugin: string,
  channel: string,
  room: unknown,
  event: unknown,
  payload: unknown,
): void {
  if (!hub.channels.has(channel)) throw invalid(`${plugin} declares no realtime channel ${channel}.`);
  if (typeof room !== 'string' || !NAME.test(room)) throw invalid('A realtime room is a name of 1–200 characters.');
  if (typeof event !== 'string' || !NAME.test(event)) throw invalid('A realtime event is a name of 1–200 characters.');
  const json = JSON.stringify(payload ?? null);
  if (json === undefined || Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw invalid(`A realtime payload is JSON of at most ${MAX_PAYLOAD_BYTES} bytes.`);
  }
}

function invalid(en: string): KibanError {
  return new KibanError('realtime.invalidMessage', 400, { ja: 'リアルタイム通知の内容が正しくありません。', en });
}

function outsideCommitControl(): KibanError {
  return new KibanError('realtime.noCommitHook', 500, {
    ja: 'このトランザクションではコミット後の送信ができません。',
    en: 'This transaction cannot send realtime messages after its commit; emit from an event handler instead.',
  });
}
