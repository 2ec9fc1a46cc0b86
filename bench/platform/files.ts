import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { withBenchDatabase } from '../lib/bench-database.ts';
import { listenOnLoopback } from '../lib/server.ts';
import { median } from '../lib/stats.ts';
import { startFilesFixture } from '../platform-files/fixture.ts';

const SIZE = 10 * 1024 * 1024;
const ROUNDS = 7;
const MB = 1024 * 1024;

/**
 * Upload and download of a 10 MiB PDF through the HTTP API (loopback, a real socket): the
 * engine receives to a temporary file while hashing, detects the type, stores it and writes
 * the record; the download streams it back after the record's policies. Each is compared
 * with plain `fs` streams moving the same bytes in the same run (write a file; read it back).
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const fixture = await startFilesFixture(url);
    const server = await listenOnLoopback(fixture.engine.app.fetch);
    try {
      await mkdir(fixture.scratchDir, { recursive: true });
      const content = pdfOfSize(SIZE);
      const headers = { cookie: fixture.cookie };
      const created = await fetch(`${server.origin}/api/data/BenchDocument`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'bench' }),
      });
      const { id } = (await created.json()) as { id: string };
      const filePath = `${server.origin}/api/data/BenchDocument/${id}/files/scan`;
      const times = {
        upload: [] as number[],
        download: [] as number[],
        fsWrite: [] as number[],
        fsRead: [] as number[],
      };
      for (let round = 0; round <= ROUNDS; round++) {
        const upload = await timed(async () => {
          const response = await fetch(`${filePath}?name=scan.pdf`, { method: 'POST', headers, body: content });
          if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
        });
        const download = await timed(async () => {
          const response = await fetch(filePath, { headers });
          const bytes = await response.arrayBuffer();
          if (response.status !== 200 || bytes.byteLength !== SIZE)
            throw new Error(`download answered ${response.status}`);
        });
        const target = join(fixture.scratchDir, `copy-${round}.pdf`);
        const fsWrite = await timed(() => pipeline(Readable.from([content]), createWriteStream(target)));
        const fsRead = await timed(() => pipeline(createReadStream(target), sink()));
        await rm(target);
        // The first round warms up both sides and is not counted.
        if (round === 0) continue;
        times.upload.push(upload);
        times.download.push(download);
        times.fsWrite.push(fsWrite);
        times.fsRead.push(fsRead);
      }
      report('upload (HTTP POST)', times.upload, 'fs write stream', times.fsWrite);
      report('download (HTTP GET)', times.download, 'fs read stream', times.fsRead);
    } finally {
      await server.close();
      await fixture.close();
    }
  });
}

function report(label: string, samples: number[], baselineLabel: string, baseline: number[]): void {
  const rate = (ms: number) => SIZE / MB / (ms / 1000);
  const api = rate(median(samples));
  const plain = rate(median(baseline));
  console.log(
    `${label.padEnd(20)} ${api.toFixed(0).padStart(6)} MB/s   ${baselineLabel.padEnd(16)} ${plain
      .toFixed(0)
      .padStart(6)} MB/s   ratio ${(api / plain).toFixed(2)}× (median of ${samples.length}, 10 MiB)`,
  );
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function sink(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** A PDF header followed by filler: detected as a PDF, as a scanned document would be. */
function pdfOfSize(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(0x20);
  bytes.set(Buffer.from('%PDF-1.7\n', 'latin1'), 0);
  bytes.set(Buffer.from('%%EOF\n', 'latin1'), size - 6);
  return bytes;
}
