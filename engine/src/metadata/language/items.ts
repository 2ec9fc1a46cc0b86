// Any item of the language, and the manifest of a package of them.
import type { AgentMetadata } from './agents.ts';
import type { I18nText, MetadataKind } from './common.ts';
import type { EntityMetadata } from './entity.ts';
import type { FormMetadata, ViewMetadata } from './forms.ts';
import type { PageMetadata } from './pages.ts';
import type { DashboardMetadata, ReportMetadata } from './reports.ts';
import type { RoleMetadata } from './roles.ts';
import type { RuleMetadata } from './rules.ts';
import type { WorkflowMetadata } from './workflows.ts';

export type MetadataItem =
  | PageMetadata
  | EntityMetadata
  | FormMetadata
  | ViewMetadata
  | RoleMetadata
  | RuleMetadata
  | WorkflowMetadata
  | ReportMetadata
  | DashboardMetadata
  | AgentMetadata;

export interface PackageManifest {
  name: string;
  version: string;
  description?: I18nText;
  requires?: { plugins?: Record<string, string>; packages?: Record<string, string> };
  contents: { kind: MetadataKind; name: string; file: string }[];
  /** Only the listed items and rows are added or changed; nothing is removed. */
  partial?: boolean;
  /** Reference data: one file of rows per entity, matched by the natural key fields. */
  data?: { entity: string; key: string[]; file: string }[];
}
