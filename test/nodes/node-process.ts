import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface NodeProcess {
  readonly baseUrl: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** `kiban serve` as its own process, as a load balancer would see it; resolves once it listens. */
export function startNode(env: Record<string, string>, port: number): Promise<NodeProcess> {
  const child: ChildProcess = spawn(process.execPath, [resolve(ROOT, 'engine/src/cli.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, KIBAN_PORT: String(port), KIBAN_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolvePromise, reject) => {
    const started = setInterval(() => {
      if (output.includes('Kiban is running at')) {
        clearInterval(started);
        resolvePromise({
          baseUrl: `http://127.0.0.1:${port}`,
          output: () => output,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    }, 50);
    exited.then(() => {
      clearInterval(started);
      reject(new Error(`the node exited before it listened:\n${output}`));
    });
  });
}
