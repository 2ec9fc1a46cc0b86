import { runHttpRound } from './http-load.ts';
import type { FromLoadProcess, ToLoadProcess } from './load-protocol.ts';

/**
 * The load generator's own process (`load-process.ts` forks it): it sends each round it is
 * told to (with `node:http`, see `http-load.ts`) and answers the measurements, so that the
 * client's work runs on its own event loop and is not counted as the server's.
 */
const answer = (message: FromLoadProcess) => process.send?.(message);

process.on('message', async (message: ToLoadProcess) => {
  if (message.type === 'close') process.exit(0);
  const { round, requests, options } = message;
  try {
    const result = await runHttpRound((index) => requests[index % requests.length], options);
    answer({
      type: 'done',
      round,
      requestsPerSecond: result.requestsPerSecond,
      latenciesMs: Array.from(result.latenciesMs),
      cpuMsPerRequest: result.cpuMsPerRequest,
    });
  } catch (error) {
    answer({ type: 'failed', round, message: error instanceof Error ? error.message : String(error) });
  }
});
