/**
 * TypeScript view of the metadata language. The JSON Schemas in `metadata/schema/` are the
 * source of truth; these types mirror them for the interpreters. One file per part of the
 * language in `language/`; this file is their door.
 */
export * from './language/agents.ts';
export * from './language/common.ts';
export * from './language/entity.ts';
export * from './language/filters.ts';
export * from './language/forms.ts';
export * from './language/items.ts';
export * from './language/pages.ts';
export * from './language/reports.ts';
export * from './language/roles.ts';
export * from './language/rules.ts';
export * from './language/workflows.ts';
