import { createContactCenterPlugin } from '../plugins/contact-center/src/index.ts';
import type { PluginContext } from '../sdk/src/index.ts';
import { type AssignedChat, type Latencies, measureChats } from './contact-center/chats.ts';
import { measureDashboard } from './contact-center/dashboard.ts';
import { type Chat, connect, measureDelivery } from './contact-center/delivery.ts';
import { act, type Person, signedIn } from './contact-center/people.ts';
import { measureRouting } from './contact-center/routing.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { startBenchEngine } from './lib/bench-engine.ts';
import { formatTable } from './lib/table.ts';

const RESIDENTS = Number(process.env.CC_BENCH_RESIDENTS ?? 500);
const OPERATORS = Number(process.env.CC_BENCH_OPERATORS ?? 50);
const ROUNDS = Number(process.env.CC_BENCH_ROUNDS ?? 5);
const GAP_MS = range(process.env.CC_BENCH_GAP_MS ?? '1000-4000');
const REPLY_SHARE = Number(process.env.CC_BENCH_REPLY_SHARE ?? 0.3);
const SEED = Number(process.env.CC_BENCH_SEED ?? 15);
const ROUTED = Number(process.env.CC_BENCH_ROUTED ?? 1000);
const DAILY = 10_000;

function range(text: string): [number, number] {
  const [low, high] = text.split('-').map(Number);
  if (!(low >= 0 && high > low)) throw new Error(`CC_BENCH_GAP_MS must be low-high in ms, not ${text}`);
  return [low, high];
}

const ms = (value: number) => value.toFixed(1);
const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const target = (value: number, limit: number) => (value <= limit ? `met (p99 ≤ ${limit})` : `missed (p99 ≤ ${limit})`);

/**
 * `npm run bench -- contact-center`: RESIDENTS concurrent resident chats with OPERATORS
 * operators, over socket.io in one process, on PostgreSQL (`KIBAN_BENCH_DATABASE_URL`):
 * message delivery (send over HTTP → the resident's socket) against typing notices (the same
 * path, nothing stored), routing decisions against a bare database round trip, and the KPI
 * dashboard's cost with DAILY conversations a day against a plain count.
 * `CC_BENCH_RESIDENTS`, `CC_BENCH_OPERATORS`, `CC_BENCH_ROUNDS`, `CC_BENCH_ROUTED` scale it.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const bench = await startBenchEngine(url, [createContactCenterPlugin()]);
    const server = await bench.engine.listen();
    const origin = `http://127.0.0.1:${server.port}`;
    const ctx = bench.engine.plugins.context('contact-center');
    try {
      const supervisor = await signedIn(bench.engine, 'staff', 'bench-supervisor', ['contact-center-supervisor']);
      await act(origin, supervisor, 'configureQueue', {
        code: 'general',
        label: { ja: '総合案内' },
        tier: 'operator',
        skill: 'general',
      });
      const operators: Person[] = [];
      for (let i = 0; i < OPERATORS; i += 1) {
        const operator = await signedIn(bench.engine, 'staff', `bench-operator-${i}`, ['contact-center-operator']);
        await act(origin, supervisor, 'configureOperator', {
          principal: operator.id,
          displayName: `オペレーター ${i}`,
          capacity: Math.ceil(RESIDENTS / OPERATORS),
          skills: ['general'],
        });
        await act(origin, operator, 'setPresence', { presence: 'available' });
        operators.push(operator);
      }
      const chats: Chat[] = [];
      for (let i = 0; i < RESIDENTS; i += 1) {
        const resident = await signedIn(bench.engine, 'resident', `bench-resident-${i}`, ['contact-center-resident']);
        const conversation = await act<{ id: string }>(origin, resident, 'start', {});
        chats.push({ resident, conversationId: conversation.id });
      }
      const sockets = await connect(origin, chats);
      console.log(`${RESIDENTS} residents connected, ${OPERATORS} operators available`);
      const chatting = await measureChats(origin, await withOperators(ctx, chats, operators), sockets, {
        rounds: ROUNDS,
        gapMs: GAP_MS,
        replyShare: REPLY_SHARE,
        replyDelayMs: GAP_MS,
        seed: SEED,
      });
      console.log(
        formatTable(
          [
            `chats (${RESIDENTS} chats, ${ROUNDS} messages each ${GAP_MS.join('–')} ms apart, ${REPLY_SHARE * 100}% answered; offered ${rate(chatting.offeredPerSecond)}/s)`,
            'messages',
            'p50 ms',
            'p99 ms',
            'target',
          ],
          [
            ['delivery, both ways', ...latencyCells(chatting.all), target(chatting.all.p99, 200)],
            ['resident → operator socket', ...latencyCells(chatting.residentToOperator), '-'],
            ['operator → resident socket', ...latencyCells(chatting.operatorToResident), '-'],
          ],
        ),
      );
      if (chatting.lost > 0) console.log(`${chatting.lost} messages never arrived within the wait`);
      const typing = await measureDelivery(origin, chats, sockets, ROUNDS, 'typing');
      const delivery = await measureDelivery(origin, chats, sockets, ROUNDS, 'message');
      for (const socket of sockets) socket.close();
      console.log(
        formatTable(
          [
            `stress: no pause (${RESIDENTS} chats × ${ROUNDS} back to back)`,
            'per second',
            'p50 ms',
            'p99 ms',
            'target',
          ],
          [
            [
              'message: stored, numbered, delivered',
              rate(delivery.perSecond),
              ms(delivery.p50),
              ms(delivery.p99),
              '- (not a chat load)',
            ],
            ['baseline: typing notice (not stored)', rate(typing.perSecond), ms(typing.p50), ms(typing.p99), '-'],
          ],
        ),
      );
      await ctx.sql.query("update conversation set status = 'closed', closed_at = now() where status <> 'closed'");
      await ctx.sql.query('update operator set active = 0');
      const routing = await measureRouting(ctx, ROUTED);
      console.log(
        formatTable(
          [`routing (${routing.assignments} decisions)`, 'per second', 'p50 ms', 'p99 ms', 'vs baseline p99'],
          [
            [
              'one decision (lock, pick, seat, assign)',
              rate(routing.perSecond),
              ms(routing.p50),
              ms(routing.p99),
              `${(routing.p99 / routing.baselineP99).toFixed(1)}×`,
            ],
            ['baseline: one transaction, one select', '-', '-', ms(routing.baselineP99), '1.0×'],
          ],
        ),
      );
      const dashboard = await measureDashboard(ctx, DAILY);
      console.log(
        formatTable(
          [`dashboard (${rate(dashboard.conversations)} conversations today)`, 'p50 ms', 'p99 ms', 'vs baseline p99'],
          [
            [
              'KPIs per queue and total',
              ms(dashboard.p50),
              ms(dashboard.p99),
              `${(dashboard.p99 / dashboard.baselineP99).toFixed(1)}×`,
            ],
            ['baseline: count(*)', '-', ms(dashboard.baselineP99), '1.0×'],
          ],
        ),
      );
    } finally {
      await server.close();
      await bench.close();
    }
  });
}

/** Each chat with the operator it was assigned to when it started (routing seats them at once). */
async function withOperators(ctx: PluginContext, chats: Chat[], operators: Person[]): Promise<AssignedChat[]> {
  const { rows } = await ctx.sql.query<{ id: string; assigned_to: string | null }>(
    'select id, assigned_to from conversation',
  );
  const assigned = new Map(rows.map((row) => [row.id, row.assigned_to]));
  return chats.map((chat) => {
    const operator = operators.find((candidate) => candidate.id === assigned.get(chat.conversationId));
    if (!operator) throw new Error(`conversation ${chat.conversationId} has no operator`);
    return { ...chat, operator };
  });
}

function latencyCells(latencies: Latencies): string[] {
  return [rate(latencies.count), ms(latencies.p50), ms(latencies.p99)];
}
