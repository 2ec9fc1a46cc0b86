export { type DeclaredSettings, declaredSettings } from './registry.ts';
export { loadSecretKey } from './secret-key.ts';
export { describeSettings, ensureSettingsTables, mergedForValidation, readSettings, writeSettings } from './store.ts';
