import { parseArgs } from 'node:util';
import { formatPackagePlan, parseDataSelector, parseItemSelector } from '../packages/index.ts';
import { withEngine } from './open-engine.ts';
import { progress, UsageError } from './output.ts';

const USAGE = `usage: kiban package export DIR --name N --version V [--item KIND[:NAME]]... [--data ENTITY:KEY[,KEY]]... [--require-plugin NAME@RANGE]... [--archive FILE.tar.gz]
       kiban package import DIR|FILE.tar.gz [--dry-run] [--allow-destructive]
         (a full package removes what it installed before and no longer lists, and reference rows
          missing from its data; a manifest with "partial": true only adds and changes)
       kiban package rollback NAME [--dry-run] [--allow-destructive]
       kiban package history [NAME]`;

/** Moving a whole app between environments: export, plan/import atomically, roll back, history. */
export async function packageCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      version: { type: 'string' },
      item: { type: 'string', multiple: true },
      data: { type: 'string', multiple: true },
      'require-plugin': { type: 'string', multiple: true },
      archive: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'allow-destructive': { type: 'boolean' },
      lang: { type: 'string', default: 'ja' },
    },
  });
  const lang = values.lang === 'en' ? 'en' : 'ja';
  const options = { dryRun: values['dry-run'] ?? false, allowDestructive: values['allow-destructive'] ?? false };
  const [target] = positionals;
  await withEngine(async (engine) => {
    switch (sub) {
      case 'export': {
        if (!target || !values.name || !values.version) throw new UsageError(USAGE);
        progress(`exporting ${values.name}@${values.version} to ${target}`);
        const exported = await engine.packages.export(target, {
          name: values.name,
          version: values.version,
          items: values.item?.map(parseItemSelector),
          data: values.data?.map(parseDataSelector),
          requires: values['require-plugin'] ? { plugins: pluginRequirements(values['require-plugin']) } : undefined,
        });
        if (values.archive) {
          progress(`packing ${values.archive}`);
          await engine.packages.writeArchive(target, values.archive);
        }
        const rows = exported.data.reduce((total, set) => total + set.rows.length, 0);
        const rowsText = exported.data.length > 0 ? ` and ${rows} reference rows` : '';
        console.log(`exported ${exported.manifest.contents.length} items${rowsText}`);
        return;
      }
      case 'import': {
        if (!target) throw new UsageError(USAGE);
        progress(`reading ${target}`);
        const pkg = await engine.packages.read(target);
        progress(options.dryRun ? 'planning (dry run)' : 'planning and applying in one transaction');
        const result = await engine.packages.import(pkg, options);
        console.log(formatPackagePlan(result.plan, lang));
        console.log(result.applied ? 'applied' : options.dryRun ? 'dry run: nothing changed' : 'nothing to apply');
        return;
      }
      case 'rollback': {
        if (!target) throw new UsageError(USAGE);
        progress(`rolling back ${target}`);
        const result = await engine.packages.rollback(target, options);
        console.log(formatPackagePlan(result.plan, lang));
        console.log(result.applied ? 'rolled back' : 'dry run: nothing changed');
        return;
      }
      case 'history': {
        for (const entry of await engine.packages.history(target)) {
          const versions = `${entry.previousVersion ?? '—'} → ${entry.version ?? '—'}`;
          console.log(
            `${entry.appliedAt}  ${entry.kind.padEnd(8)} ${entry.package} ${versions}  (${entry.items.length} items)`,
          );
        }
        return;
      }
      default:
        throw new UsageError(USAGE);
    }
  });
}

/** `reservations@^0.1.0` → `{ reservations: '^0.1.0' }`. */
function pluginRequirements(specs: string[]): Record<string, string> {
  return Object.fromEntries(
    specs.map((spec) => {
      const match = /^([a-z][a-z0-9-]*)@(.+)$/.exec(spec);
      if (!match) throw new UsageError(`--require-plugin takes NAME@RANGE, e.g. reservations@^0.1.0 (got "${spec}")`);
      return [match[1], match[2]];
    }),
  );
}
