export type * from './contract.ts';
export { SYSTEM_FIELDS } from './system-fields.ts';
