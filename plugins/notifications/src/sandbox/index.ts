/** Sandbox providers for development and tests: local servers with the providers' contracts, sending nothing. */

export type { SandboxServer } from './http.ts';
export { type SandboxLineMessage, startLineSandbox } from './line-sandbox.ts';
export { type SandboxPushMessage, startPushSandbox } from './push-sandbox.ts';
export { type SandboxSms, startSmsSandbox } from './sms-sandbox.ts';
