/**
 * `@kiban/sdk`: everything a plugin imports. Routes use `Hono` from here, so that a plugin
 * depends on nothing but the SDK.
 */
export { Hono } from 'hono';
export { checkPluginDefinition, type DefinitionProblem } from './check-definition.ts';
export { definePlugin, PluginDefinitionError } from './define-plugin.ts';
export { isPluginError, PluginError, type PluginErrorDetail, type PluginErrorMessage } from './plugin-error.ts';
export { signedInActor } from './public-actor.ts';
export { clientAddress } from './public-address.ts';
export { endSignedInSession } from './public-session.ts';
export type * from './types.ts';
