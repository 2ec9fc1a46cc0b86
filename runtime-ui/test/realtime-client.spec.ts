import { expect } from '@esm-bundle/chai';
import { RealtimeClient, type RealtimeMessage, type RealtimeProblem } from '../src/realtime/index.ts';

interface Setup {
  url: string;
  token: string;
  room: string;
}

const CHANNEL = 'ui.updates';
let calls = 0;
const server = async <T>(path: string): Promise<T> =>
  (await fetch(`${path}${path.includes('?') ? '&' : '?'}n=${++calls}`)).json();
const emit = (room: string, text: string) =>
  server(`/__realtime/emit?room=${encodeURIComponent(room)}&text=${encodeURIComponent(text)}`);

/** Retries an assertion until it holds, for up to `ms`. */
async function eventually(assertion: () => void, ms = 5000): Promise<void> {
  for (let waited = 0; ; waited += 20) {
    try {
      assertion();
      return;
    } catch (error) {
      if (waited >= ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('RealtimeClient', () => {
  let client: RealtimeClient | undefined;
  before(async function () {
    // The first call starts the engine.
    this.timeout(60_000);
    await server<Setup>('/__realtime/setup');
  });
  afterEach(() => client?.close());

  it('delivers the messages of a subscribed room, and refuses a room the resident may not see', async () => {
    const { url, token, room } = await server<Setup>('/__realtime/setup');
    const other = await server<Setup>('/__realtime/setup');
    const received: RealtimeMessage[] = [];
    const problems: RealtimeProblem[] = [];
    const joined: string[] = [];
    client = new RealtimeClient({
      url,
      token,
      onProblem: (p) => problems.push(p),
      onJoined: (_c, r) => joined.push(r),
    });
    const refused: string[] = [];
    client.subscribe(CHANNEL, room, (message) => received.push(message), {
      onRefused: (p) => refused.push(`mine ${p.code}`),
    });
    client.subscribe(CHANNEL, other.room, (message) => received.push(message), {
      onRefused: (p) => refused.push(`other ${p.code}`),
    });
    await eventually(() => expect(joined).to.deep.equal([room]));
    await eventually(() =>
      expect(problems.map((p) => [p.code, p.room])).to.deep.equal([['realtime.forbidden', other.room]]),
    );
    expect(refused).to.deep.equal(['other realtime.forbidden']);
    await emit(other.room, 'not yours');
    await emit(room, 'hello');
    await eventually(() => expect(received.map((m) => m.payload)).to.deep.equal([{ text: 'hello' }]));
  });

  it('reconnects after a dropped connection, joins again and catches up on what it missed, once each', async () => {
    const { url, token, room } = await server<Setup>('/__realtime/setup');
    const received: string[] = [];
    let joins = 0;
    // What each subscriber had received when it heard of a join: the replay comes first.
    const atJoin: string[][] = [];
    client = new RealtimeClient({ url, token, reconnectionDelayMs: 1500, onJoined: () => joins++ });
    client.subscribe(CHANNEL, room, (message) => received.push((message.payload as { text: string }).text), {
      onJoined: () => atJoin.push([...received]),
    });
    await eventually(() => expect(joins).to.equal(1));
    expect(atJoin).to.deep.equal([[]]);
    await emit(room, 'before');
    await eventually(() => expect(received).to.deep.equal(['before']));
    // The network drops: the transport closes under the client, which then reconnects on its own.
    (client as unknown as { socket: { io: { engine: { close(): void } } } }).socket.io.engine.close();
    await emit(room, 'missed 1');
    await emit(room, 'missed 2');
    expect(client.connected).to.equal(false);
    await eventually(() => expect(joins).to.equal(2), 5000);
    await eventually(() => expect(received).to.deep.equal(['before', 'missed 1', 'missed 2']));
    expect(atJoin).to.deep.equal([[], ['before', 'missed 1', 'missed 2']]);
    // A later subscriber to the joined room hears of the join too.
    const late: string[] = [];
    client.subscribe(CHANNEL, room, () => {}, { onJoined: () => late.push('joined') });
    await eventually(() => expect(late).to.deep.equal(['joined']));
    await emit(room, 'after');
    await eventually(() => expect(received).to.deep.equal(['before', 'missed 1', 'missed 2', 'after']));
  });
});
