/**
 * The contract between the engine and a plugin. A plugin imports only `@kiban/sdk`; the
 * engine's plugin host implements these interfaces. They live by area in `types/`.
 */
export type * from './types/common.ts';
export type * from './types/context.ts';
export type * from './types/data.ts';
export type * from './types/definition.ts';
export type * from './types/delegation.ts';
export type * from './types/directory.ts';
export type * from './types/events.ts';
export type * from './types/identity.ts';
export type * from './types/jobs.ts';
export type * from './types/mail.ts';
export type * from './types/metadata.ts';
export type * from './types/plugins.ts';
export type * from './types/storage.ts';
export type * from './types/timelines.ts';
export type * from './types/ui.ts';
