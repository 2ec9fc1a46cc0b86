import { recordAudit } from '../access/index.ts';
import { KibanError } from '../errors.ts';
import { describeAjvErrors } from '../metadata/index.ts';
import { describeSettings, mergedForValidation, writeSettings } from '../settings/index.ts';
import { withEngine } from './open-engine.ts';
import { UsageError } from './output.ts';

const USAGE = 'usage: kiban settings show PLUGIN | kiban settings set PLUGIN < settings.json';

/**
 * `kiban settings show PLUGIN` prints a plugin's settings (secrets only as set or not);
 * `kiban settings set PLUGIN` reads them as JSON on standard input, so that secrets stay off
 * the command line and out of the shell history.
 */
export async function settingsCommand(args: string[]): Promise<void> {
  const [sub, plugin, ...rest] = args;
  if (!plugin || rest.length > 0 || (sub !== 'show' && sub !== 'set')) throw new UsageError(USAGE);
  const values = sub === 'set' ? await readValues() : undefined;
  await withEngine(async (engine) => {
    const { declared, key } = engine.settings;
    const settings = declared.get(plugin);
    if (!settings) throw new UsageError(`the plugin ${plugin} is not loaded or has no settings`);
    const shown = await engine.live().transaction(async (_em, sql) => {
      if (values) {
        const merged = await mergedForValidation(sql, key, plugin, values, settings.secretNames);
        if (!settings.validate(merged)) {
          throw new KibanError(
            'settings.invalid',
            422,
            { ja: '設定に誤りがあります。', en: 'The settings are invalid.' },
            describeAjvErrors(settings.validate.errors, { root: { ja: '設定', en: 'The settings' } }),
          );
        }
        await writeSettings(sql, key, plugin, values, settings.secretNames);
        await recordAudit(sql, {
          principal: null,
          action: 'settings.update',
          detail: { plugin, fields: Object.keys(values).sort(), via: 'cli' },
        });
      }
      return describeSettings(sql, plugin);
    });
    console.log(JSON.stringify(shown, null, 2));
  });
}

async function readValues(): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new UsageError('standard input is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError('give a JSON object');
  return parsed as Record<string, unknown>;
}
