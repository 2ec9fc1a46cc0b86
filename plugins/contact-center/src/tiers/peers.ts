import type { Actor, PluginContext } from '@kiban/sdk';

export interface Peers {
  has(plugin: string): boolean;
  call<T>(plugin: string, action: string, input: unknown, actor: Actor): Promise<T>;
}

const none: Peers = {
  has: () => false,
  call: () => Promise.reject(new Error('plugin.notRunning')),
};

export function peers(ctx: PluginContext): Peers {
  return (ctx as PluginContext & { plugins?: Peers }).plugins ?? none;
}
