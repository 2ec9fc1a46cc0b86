import { Hono } from 'hono';
import { recordAudit } from '../../access/index.ts';
import { describeAjvErrors } from '../../metadata/index.ts';
import { type DeclaredSettings, describeSettings, mergedForValidation, writeSettings } from '../../settings/index.ts';
import type { ApiEnv } from '../env.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';

export interface SettingsDeps {
  declared: ReadonlyMap<string, DeclaredSettings>;
  key: Buffer;
}

/**
 * Plugin settings for this environment, for principals with `platform.manage`. Secrets go in
 * and never come out: a read tells only whether each is set.
 */
export function settingsRoutes(deps: SettingsDeps) {
  const routes = new Hono<ApiEnv>();
  routes.use('*', requireCapability('platform.manage'));

  const declaredOf = (plugin: string) => {
    const declared = deps.declared.get(plugin);
    if (!declared) {
      throw httpError(404, 'settings.notFound', {
        ja: `プラグイン「${plugin}」に設定はありません。`,
        en: `The plugin "${plugin}" has no settings.`,
      });
    }
    return declared;
  };
  const view = async (declared: DeclaredSettings, sql: Parameters<typeof describeSettings>[0]) => ({
    plugin: declared.plugin,
    schema: declared.schema,
    ...(await describeSettings(sql, declared.plugin)),
  });

  routes.get('/', async (c) => {
    const sql = c.var.live.sql();
    const items = [];
    for (const declared of deps.declared.values()) items.push(await view(declared, sql));
    return c.json({ items });
  });

  routes.get('/:plugin', async (c) => c.json(await view(declaredOf(c.req.param('plugin')), c.var.live.sql())));

  routes.put('/:plugin', async (c) => {
    const declared = declaredOf(c.req.param('plugin'));
    const values = (await readJsonObject(c)) as Record<string, unknown>;
    const saved = await c.var.live.transaction(async (_em, sql) => {
      const merged = await mergedForValidation(sql, deps.key, declared.plugin, values, declared.secretNames);
      if (!declared.validate(merged)) {
        // A message about a secret may quote its value (an enum's misfit): say only that it is invalid.
        const problems = describeAjvErrors(declared.validate.errors, { root: { ja: '設定', en: 'The settings' } }).map(
          (problem) =>
            declared.secretNames.has(problem.pointer.split('/')[1] ?? '')
              ? { ...problem, message: { ja: 'この秘密の値は使えません。', en: 'This secret value is not valid.' } }
              : problem,
        );
        throw httpError(
          422,
          'settings.invalid',
          { ja: '設定に誤りがあります。', en: 'The settings are invalid.' },
          problems,
        );
      }
      await writeSettings(sql, deps.key, declared.plugin, values, declared.secretNames);
      await recordAudit(sql, {
        principal: c.var.principal,
        action: 'settings.update',
        detail: { plugin: declared.plugin, fields: Object.keys(values).sort() },
      });
      return view(declared, sql);
    });
    return c.json(saved);
  });
  return routes;
}
