import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import type { LoadRequest, RoundOptions } from './load.ts';
import type { FromLoadProcess, ToLoadProcess } from './load-protocol.ts';

export interface SeparateRoundResult {
  requestsPerSecond: number;
  latenciesMs: Float64Array;
  /** CPU of the load process per request (its fetch client). */
  clientCpuMsPerRequest: number;
  /**
   * CPU of this process per request while the round ran: the server under test (and whatever
   * else this process does meanwhile, which in a benchmark is nothing). The database's is not in it.
   */
  serverCpuMsPerRequest: number;
}

/** A load generator in a child process, reused for every round until `close`. */
export interface LoadProcess {
  run(requests: LoadRequest[], options: RoundOptions): Promise<SeparateRoundResult>;
  close(): Promise<void>;
}

export function startLoadProcess(): LoadProcess {
  const child: ChildProcess = fork(`${import.meta.dirname}/load-child.ts`, { stdio: 'inherit' });
  let rounds = 0;
  return {
    async run(requests, options) {
      if (requests.length === 0) throw new Error('a round needs at least one request');
      const round = rounds++;
      const answered = new Promise<FromLoadProcess>((resolve, reject) => {
        const listen = (message: FromLoadProcess) => {
          if (message.round !== round) return;
          child.off('message', listen);
          child.off('exit', exited);
          resolve(message);
        };
        const exited = (code: number | null) => reject(new Error(`the load process exited (${code}) during a round`));
        child.on('message', listen);
        child.once('exit', exited);
      });
      const cpuBefore = process.cpuUsage();
      child.send({ type: 'round', round, requests, options } satisfies ToLoadProcess);
      const message = await answered;
      const cpu = process.cpuUsage(cpuBefore);
      if (message.type === 'failed') throw new Error(message.message);
      return {
        requestsPerSecond: message.requestsPerSecond,
        latenciesMs: Float64Array.from(message.latenciesMs),
        clientCpuMsPerRequest: message.cpuMsPerRequest,
        serverCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / options.requests,
      };
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      if (child.connected) child.send({ type: 'close' } satisfies ToLoadProcess);
      await exited;
    },
  };
}
