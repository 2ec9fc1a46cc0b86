import { describe, expect, it } from 'vitest';
import { pluginConfigs } from './plugin-config.ts';

describe('pluginConfigs', () => {
  it('reads KIBAN_PLUGIN_<NAME>_<KEY> into camelCase keys, and a given object overrides them', () => {
    const configs = pluginConfigs(
      ['reservations', 'chat'],
      { KIBAN_PLUGIN_RESERVATIONS_TIME_ZONE: 'Asia/Tokyo', KIBAN_PLUGIN_RESERVATIONS_MAX_PER_DAY: '3' },
      { reservations: { maxPerDay: 5 } },
    );
    expect(configs.get('reservations')).toEqual({ timeZone: 'Asia/Tokyo', maxPerDay: 5 });
    expect(configs.get('chat')).toEqual({});
    expect(Object.isFrozen(configs.get('reservations'))).toBe(true);
  });

  it('gives a variable to the plugin with the longest matching name', () => {
    const configs = pluginConfigs(['chat', 'chat-bot'], {
      KIBAN_PLUGIN_CHAT_BOT_URL: 'https://bot',
      KIBAN_PLUGIN_CHAT_URL: 'x',
    });
    expect(configs.get('chat-bot')).toEqual({ url: 'https://bot' });
    expect(configs.get('chat')).toEqual({ url: 'x' });
  });
});
