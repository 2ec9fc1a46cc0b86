import { type DefinitionProblem, isPluginError } from '@kiban/sdk';
import { type ErrorDetail, KibanError, type LocalizedMessage } from '../errors.ts';

/**
 * The errors of the plugin host. Start-up errors name the plugin, so that an operator reading
 * one line knows which plugin to fix or remove from `KIBAN_PLUGINS`.
 */

/** A plugin's own `PluginError` becomes the engine's structured error; anything else passes through. */
export function fromPluginError(error: unknown): unknown {
  if (!isPluginError(error)) return error;
  const status = Number.isInteger(error.status) && error.status >= 400 && error.status <= 599 ? error.status : 500;
  return new KibanError(error.code, status, error.localized, error.details);
}

export function pluginNotFound(entry: string, specifier: string): KibanError {
  return new KibanError('plugin.notFound', 500, {
    ja: `プラグイン「${entry}」が見つかりません（${specifier} を読み込めません）。インストールされているか、KIBAN_PLUGINS の綴りを確認してください。`,
    en: `The plugin "${entry}" was not found (cannot import ${specifier}). Check that it is installed and how KIBAN_PLUGINS spells it.`,
  });
}

export function pluginLoadFailed(entry: string, cause: unknown): KibanError {
  return new KibanError('plugin.loadFailed', 500, {
    ja: `プラグイン「${entry}」を読み込めません：${reasonOf(cause, 'ja')}`,
    en: `The plugin "${entry}" failed to load: ${reasonOf(cause, 'en')}`,
  });
}

export function pluginInvalid(entry: string, problems: DefinitionProblem[]): KibanError {
  return new KibanError(
    'plugin.invalid',
    500,
    {
      ja: `プラグイン「${entry}」の定義に ${problems.length} 件の問題があります：${problems.map((p) => `${p.pointer || '/'} ${p.message.ja}`).join(' ')}`,
      en: `The plugin "${entry}" has ${problems.length} problem(s) in its definition: ${problems.map((p) => `${p.pointer || '/'} ${p.message.en}`).join(' ')}`,
    },
    problems.map((problem) => ({
      pointer: problem.pointer,
      code: 'plugin.invalid',
      message: problem.message,
    })),
  );
}

export function duplicatePlugin(name: string): KibanError {
  return new KibanError('plugin.duplicate', 500, {
    ja: `プラグイン「${name}」が二回読み込まれています。`,
    en: `The plugin "${name}" is loaded twice.`,
  });
}

export function requirementsUnmet(details: ErrorDetail[]): KibanError {
  return new KibanError(
    'plugin.requirementUnmet',
    500,
    {
      ja: `プラグインの前提条件が満たされていません：${details.map((d) => d.message.ja).join(' ')}`,
      en: `Plugin requirements are not met: ${details.map((d) => d.message.en).join(' ')}`,
    },
    details,
  );
}

export function dependencyCycle(names: string[]): KibanError {
  const path = [...names, names[0]].join(' → ');
  return new KibanError('plugin.dependencyCycle', 500, {
    ja: `プラグインが互いを前提にしているため、読み込む順序を決められません：${path}`,
    en: `The plugins require each other in a cycle, so they cannot be ordered: ${path}`,
  });
}

/** What a plugin was doing when it failed, for the message. */
export const STAGES = {
  routes: { ja: 'ルートの登録', en: 'register its routes' },
  publicRoutes: { ja: '公開ルートの登録', en: 'register its public routes' },
  actions: { ja: 'アクションの登録', en: 'register its actions' },
  install: { ja: 'インストール', en: 'install' },
  upgrade: { ja: 'アップグレード', en: 'upgrade' },
  start: { ja: '開始', en: 'start' },
  metadata: { ja: 'メタデータの公開', en: 'publish its metadata' },
  fieldTypes: { ja: 'フィールド型の登録', en: 'register its field types' },
} as const satisfies Record<string, LocalizedMessage>;

export function pluginFailed(name: string, stage: keyof typeof STAGES, cause: unknown): KibanError {
  const details = cause instanceof KibanError ? cause.details : [];
  return new KibanError(
    'plugin.failed',
    500,
    {
      ja: `プラグイン「${name}」の${STAGES[stage].ja}に失敗しました：${reasonOf(cause, 'ja')}`,
      en: `The plugin "${name}" failed to ${STAGES[stage].en}: ${reasonOf(cause, 'en')}`,
    },
    details,
  );
}

/** A structured error's message in the language asked for; any other error's own message. */
function reasonOf(cause: unknown, lang: 'ja' | 'en'): string {
  if (cause instanceof KibanError) return cause.localized[lang];
  if (isPluginError(cause)) return cause.localized[lang];
  return cause instanceof Error ? cause.message : String(cause);
}

export function migrationFailed(name: string, id: string, cause: unknown): KibanError {
  return new KibanError('plugin.migrationFailed', 500, {
    ja: `プラグイン「${name}」のマイグレーション「${id}」に失敗しました（何も適用していません）：${reasonOf(cause, 'ja')}`,
    en: `The plugin "${name}" failed its migration "${id}" (nothing was applied): ${reasonOf(cause, 'en')}`,
  });
}

/** An applied migration is no longer declared as it ran: edited, removed or moved. */
export function migrationChanged(name: string, id: string, how: 'edited' | 'missing'): KibanError {
  const ja = how === 'edited' ? '適用後に書き換えられています' : '定義から消えたか、順序が変わっています';
  const en = how === 'edited' ? 'was edited after it was applied' : 'was removed or moved after it was applied';
  return new KibanError('plugin.migrationChanged', 500, {
    ja: `プラグイン「${name}」の適用済みマイグレーション「${id}」が${ja}。適用済みのものは変えず、新しいマイグレーションを末尾に追加してください。`,
    en: `The applied migration "${id}" of the plugin "${name}" ${en}. Leave applied migrations as they are and append a new one.`,
  });
}

export function schemaNotCreated(name: string, schema: string, cause: unknown): KibanError {
  return new KibanError('plugin.schemaNotCreated', 500, {
    ja: `プラグイン「${name}」のスキーマ ${schema} を作成できません（${reasonOf(cause, 'ja')}）。管理者が create schema ${schema} authorization <エンジンのロール> で作成してください。`,
    en: `The schema ${schema} of the plugin "${name}" cannot be created (${reasonOf(cause, 'en')}). An administrator can create it: create schema ${schema} authorization <the engine's role>.`,
  });
}
