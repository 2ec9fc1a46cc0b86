import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KibanError } from '../errors.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import { scaffoldFiles } from './scaffold-templates.ts';

const PLUGIN_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * `kiban plugin new <name>`: writes a working plugin to `<pluginsDir>/<name>/` — package,
 * definition, metadata and a passing test — and returns that directory. Refuses a name that
 * is not kebab-case and a directory that already has files, so nothing is ever overwritten.
 */
export async function scaffoldPlugin(name: string, pluginsDir: string): Promise<string> {
  if (!PLUGIN_NAME.test(name)) {
    throw new KibanError('plugin.invalidName', 400, {
      ja: `プラグイン名「${name}」は小文字の kebab-case（例: parking-permits）で指定してください。`,
      en: `The plugin name "${name}" must be lower-case kebab-case, e.g. parking-permits.`,
    });
  }
  const dir = join(pluginsDir, name);
  if ((await readdir(dir).catch(() => [])).length > 0) {
    throw new KibanError('plugin.scaffoldExists', 409, {
      ja: `${dir} にはすでにファイルがあります。別の名前を選ぶか、ディレクトリを空にしてください。`,
      en: `${dir} already has files. Choose another name or empty the directory.`,
    });
  }
  const pascal = name.replace(/(?:^|-)([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  const files = scaffoldFiles({
    plugin: name,
    entity: `${pascal}Entry`,
    role: `${name}-staff`,
    engineVersion: ENGINE_VERSION,
  });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }
  return dir;
}
