export { type KomojuOptions, komojuProvider } from './komoju.ts';
export * from './port.ts';
export { type SandboxProvider, type SandboxProviderOptions, startSandboxProvider } from './sandbox-server.ts';
export { signWebhook, webhookSignatureValid } from './webhook-signature.ts';
