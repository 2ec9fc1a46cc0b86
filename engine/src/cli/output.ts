import { KibanError } from '../errors.ts';

/** Progress goes to stderr so that a command's real output (a plan, JSON) can be piped. */
export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

/** Thrown by commands for a usage problem: exits with the one-line reason and status 2. */
export class UsageError extends Error {}

/** One line saying why, then the located details of a structured error, one per line. */
export function describeFailure(error: unknown): { lines: string[]; exitCode: number } {
  if (error instanceof UsageError) return { lines: [`kiban: ${error.message} (try: kiban help)`], exitCode: 2 };
  if (error instanceof KibanError) {
    return {
      lines: [
        `kiban: ${error.localized.ja} / ${error.localized.en} [${error.code}]`,
        ...error.details.map((detail) => `  ${detail.pointer}  ${detail.message.ja} / ${detail.message.en}`),
      ],
      exitCode: 1,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { lines: [`kiban: ${message.split('\n')[0]}`], exitCode: 1 };
}
