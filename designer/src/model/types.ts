/** The shapes the designer reads from and sends to the engine's metadata API. */

export const KINDS = [
  'entity',
  'form',
  'view',
  'role',
  'rule',
  'workflow',
  'page',
  'report',
  'dashboard',
  'agent',
] as const;
export type Kind = (typeof KINDS)[number];

/** A metadata item as the engine stores it; the kind's JSON Schema says the rest. */
export interface MetadataItem {
  kind: Kind;
  name: string;
  [key: string]: unknown;
}

export interface ItemKey {
  kind: Kind;
  name: string;
}

export interface DraftRecord {
  item: MetadataItem;
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

/**
 * A located validation problem; `pointer` is relative to the item. The visual editors take
 * these as their `errors` property (the shape of their `EditorError`).
 */
export interface ItemError {
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}

export interface SavedDraft extends DraftRecord {
  errors: { kind?: string; name?: string; pointer: string; code: string; message: { ja: string; en: string } }[];
}

export interface VersionRecord {
  version: number;
  body: MetadataItem | null;
  publicationId: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface MigrationStep {
  action: string;
  table: string;
  entity?: string;
  column?: string;
  field?: string;
  safety: 'safe' | 'destructive';
  sql: string[];
  reason: { ja: string; en: string };
  affectedRows?: number;
  blocked?: { ja: string; en: string };
}

export interface MigrationPlan {
  steps: MigrationStep[];
  destructive: boolean;
  blocked: boolean;
}

export interface PublishOutcome {
  applied: boolean;
  publicationId: number | null;
  changed: ItemKey[];
  removed: ItemKey[];
  plan: MigrationPlan;
}

export interface PackagePlan {
  package?: string;
  fromVersion?: string | null;
  toVersion?: string | null;
  created: ItemKey[];
  changed: (ItemKey & { diff?: unknown[] })[];
  removed: ItemKey[];
  unchanged: ItemKey[];
  migration: MigrationPlan;
  unmetRequirements: { type: string; name: string; range: string; installed: string | null }[];
}

export interface Principal {
  id: string;
  username: string;
  displayName: string | null;
  roles: string[];
}

export const sameKey = (a: ItemKey, b: ItemKey) => a.kind === b.kind && a.name === b.name;
