import { PluginError } from '@kiban/sdk';
import type { AttributeSourceSettings } from './attribute-settings.ts';
import { mynaportalSource } from './mynaportal-source.ts';
import { replicaSource } from './replica-source.ts';
import type { AttributeSource } from './source.ts';

export const SOURCE_IDS = ['replica', 'mynaportal'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** The sources an administrator configured completely (settings and secret), by id. */
export function configuredSources(settings: AttributeSourceSettings): Map<SourceId, AttributeSource> {
  const sources = new Map<SourceId, AttributeSource>();
  if (settings.replica && settings.replicaUrl) {
    sources.set('replica', replicaSource({ url: settings.replicaUrl, schema: settings.replica.schema }));
  }
  if (settings.mynaportal && settings.mynaportalClientSecret) {
    sources.set(
      'mynaportal',
      mynaportalSource({ ...settings.mynaportal, clientSecret: settings.mynaportalClientSecret }),
    );
  }
  return sources;
}

export function sourceNotConfigured(source: string): PluginError {
  return new PluginError(
    'identity.attributes.sourceNotConfigured',
    409,
    {
      ja: 'この取得元は設定されていません。',
      en: 'This source is not configured.',
    },
    [
      {
        pointer: '/source',
        code: 'identity.attributes.sourceNotConfigured',
        message: { ja: `取得元 ${source}`, en: `source ${source}` },
      },
    ],
  );
}
