import { jobsCommand } from './jobs.ts';
import { migrateCommand } from './migrate.ts';
import { describeFailure } from './output.ts';
import { packageCommand } from './package.ts';
import { pluginCommand } from './plugin.ts';
import { runPluginCommand } from './plugin-commands.ts';
import { serveCommand } from './serve.ts';
import { settingsCommand } from './settings.ts';
import { userCommand } from './user.ts';

export const USAGE = `kiban — the Kiban platform engine

Usage:
  kiban serve [--port N] [--host H] [--seed DIR]...     run the platform
  kiban migrate plan                                    compare the database schema with the published metadata
  kiban migrate apply [--allow-destructive]             bring the schema in line (destructive steps are backed up)
  kiban package export DIR --name N --version V [--item KIND[:NAME]]... [--require-plugin NAME@RANGE]...
                       [--archive FILE.tar.gz]
  kiban package import DIR|FILE.tar.gz [--dry-run] [--allow-destructive] [--lang ja|en]
  kiban package rollback NAME [--dry-run] [--allow-destructive]
  kiban package history [NAME]
  kiban plugin new NAME [--dir plugins]                 write a working plugin skeleton with a passing test
  kiban plugin list                                     the plugins KIBAN_PLUGINS loads, in start order
  kiban user create NAME --kind staff|resident|system [--role R]... [--department D] [--attribute NAME=VALUE]... [--display-name N] [--password-stdin]
  kiban jobs list [--status pending|running|done|dead] [--limit N]   background jobs; dead ones failed for good
  kiban jobs retry ID                                   queue a dead job again
  kiban settings show PLUGIN                            a plugin's settings; secrets only as set or not
  kiban settings set PLUGIN < settings.json             replace them (a secret left out keeps its value, null removes it)
  kiban COMMAND ...                                     a command a configured plugin adds (see its README)
  kiban help

The database is PGlite in KIBAN_DATA_DIR (default .kiban) unless KIBAN_DATABASE_URL names a
PostgreSQL server. Stop a running server before using other commands on the same PGlite data.`;

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  serve: serveCommand,
  settings: settingsCommand,
  jobs: jobsCommand,
  migrate: migrateCommand,
  package: packageCommand,
  plugin: pluginCommand,
  user: userCommand,
};

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  try {
    const run = COMMANDS[command];
    if (run) await run(rest);
    else await runPluginCommand(command, rest);
    return 0;
  } catch (error) {
    const failure = describeFailure(error);
    for (const line of failure.lines) console.error(line);
    return failure.exitCode;
  }
}
