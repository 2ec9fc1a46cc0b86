import { PluginError, type PluginErrorDetail } from '@kiban/sdk';

/** The plugin's refusals: stable `crm.*` codes rendered by the engine as RFC 9457 problems. */
export function crmError(
  code: string,
  status: number,
  ja: string,
  en: string,
  details: PluginErrorDetail[] = [],
): PluginError {
  return new PluginError(`crm.${code}`, status, { ja, en }, details);
}
