/**
 * @kiban/runtime-ui: Lit components that render Kiban metadata in the browser. Importing
 * this module defines nothing; call `defineKibanElements()` to register the tags.
 */
export { type ApiOptions, ApiProblemError, type FormBundle, listQuery, loadForm } from './api/index.ts';
export * from './components/index.ts';
export * from './i18n/index.ts';
export type * from './metadata/index.ts';
export { KibanFormPage } from './pages/index.ts';
export * from './plugins/index.ts';
export * from './realtime/index.ts';
