export { actorOf } from './actors.ts';
export type { DelegationResolver } from './delegation.ts';
export { ENGINE_VERSION } from './engine-version.ts';
export { createPluginHost, type EnginePlugins, type PluginHost, type PluginHostOptions } from './host.ts';
export { consoleLogSink, type LogEntry, type LogLevel, type LogSink, REDACTED } from './logger.ts';
export { fromPluginError } from './plugin-errors.ts';
export { scaffoldPlugin } from './scaffold.ts';
export type { PluginUiBundle } from './ui.ts';
