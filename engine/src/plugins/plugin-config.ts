/** Where each plugin's configuration comes from: the environment and a configuration object. */

const PREFIX = 'KIBAN_PLUGIN_';

/**
 * Each plugin's configuration: `KIBAN_PLUGIN_<NAME>_<KEY>` variables (the name upper-cased
 * with `_` for `-`; `TIME_ZONE` becomes the key `timeZone`; values stay strings), overridden
 * by the plugin's entry in `given`. A variable belongs to the plugin with the longest matching
 * name, so `KIBAN_PLUGIN_CHAT_BOT_URL` is `url` of `chat-bot`, not `botUrl` of `chat`.
 */
export function pluginConfigs(
  names: readonly string[],
  variables: Readonly<Record<string, string>>,
  given: Readonly<Record<string, Record<string, unknown>>> = {},
): Map<string, Readonly<Record<string, unknown>>> {
  const prefixes = names
    .map((name) => ({ name, prefix: `${PREFIX}${name.toUpperCase().replaceAll('-', '_')}_` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const fromEnvironment = new Map<string, Record<string, unknown>>(names.map((name) => [name, {}]));
  for (const [variable, value] of Object.entries(variables)) {
    const owner = prefixes.find(({ prefix }) => variable.startsWith(prefix) && variable.length > prefix.length);
    if (owner)
      (fromEnvironment.get(owner.name) as Record<string, unknown>)[camelCase(variable.slice(owner.prefix.length))] =
        value;
  }
  return new Map(names.map((name) => [name, Object.freeze({ ...fromEnvironment.get(name), ...given[name] })]));
}

function camelCase(key: string): string {
  return key.toLowerCase().replace(/_+([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
