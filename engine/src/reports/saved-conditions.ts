import { expandSavedConditions } from '../metadata/report-conditions.ts';
import type { MetadataItem, ReportMetadata } from '../metadata/types.ts';

/** The report with its saved conditions (`{ "rule": "<name>" }`) replaced by the published rules' conditions. */
export function withSavedConditions(report: ReportMetadata, items: readonly MetadataItem[]): ReportMetadata {
  if (!report.filter) return report;
  return { ...report, filter: expandSavedConditions(report.filter, report.entity, items) };
}
