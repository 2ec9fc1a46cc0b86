import type { RecordData } from '@kiban/sdk';
import { type ApplicationStatus, type StatusOutcome, statusOutcome } from './application-status.ts';

/** How many lines of each kind a report names; the counts are always whole. */
const LISTED = 100;

/** A row naming an application an earlier row of the same file already named. */
export interface DuplicateRow {
  line: number;
  externalId: string;
  firstLine: number;
}

/** An application as the plan knows it: stored (with its id) or to be created by this file. */
type Known = RecordData & { id?: string };

/**
 * What a file of statuses does, decided row by row in file order exactly as applying them one
 * at a time would (each row against the application as the rows before it left it), but
 * written once per application: the new ones with their final values, the existing ones with
 * one merged patch. Every applied row keeps its own announcement.
 */
export interface StatusPlan {
  outcomes: Record<StatusOutcome, number>;
  duplicates: { count: number; lines: DuplicateRow[] };
  /** New applications by external id, with their values after every row of the file. */
  creates: Map<string, RecordData>;
  /** Stored applications by external id: their id and the patch every applied row adds up to. */
  updates: Map<string, { id: string; patch: RecordData }>;
  /** One per applied row, in file order: what `application.statusChanged` says of it. */
  announcements: Array<{ externalId: string; status: string; resident: string | null; title: string | null }>;
}

export function planStatuses(rows: readonly ApplicationStatus[], stored: ReadonlyMap<string, RecordData>): StatusPlan {
  const plan: StatusPlan = {
    outcomes: { created: 0, updated: 0, stale: 0 },
    duplicates: { count: 0, lines: [] },
    creates: new Map(),
    updates: new Map(),
    announcements: [],
  };
  const known = new Map<string, Known>(stored);
  const firstLine = new Map<string, number>();
  rows.forEach((row, index) => {
    const line = index + 2;
    const first = firstLine.get(row.externalId);
    if (first === undefined) firstLine.set(row.externalId, line);
    else {
      plan.duplicates.count += 1;
      if (plan.duplicates.lines.length < LISTED)
        plan.duplicates.lines.push({ line, externalId: row.externalId, firstLine: first });
    }
    const current = known.get(row.externalId);
    const outcome = statusOutcome(current, row);
    plan.outcomes[outcome] += 1;
    if (outcome === 'stale') return;
    const patch: RecordData = {
      status: row.status,
      statusAt: row.statusAt,
      ...(row.title !== undefined ? { title: row.title } : {}),
      ...(row.note !== undefined ? { note: row.note } : {}),
    };
    const next: Known = current
      ? { ...current, ...patch }
      : { ...patch, externalId: row.externalId, resident: row.resident ?? null };
    known.set(row.externalId, next);
    if (plan.creates.has(row.externalId) || !current) plan.creates.set(row.externalId, withoutId(next));
    else if (current.id !== undefined) {
      const id = String(current.id);
      plan.updates.set(row.externalId, { id, patch: { ...plan.updates.get(row.externalId)?.patch, ...patch } });
    }
    plan.announcements.push({
      externalId: row.externalId,
      status: row.status,
      resident: typeof next.resident === 'string' ? next.resident : null,
      title: typeof next.title === 'string' ? next.title : null,
    });
  });
  return plan;
}

function withoutId(known: Known): RecordData {
  const { id: _, ...values } = known;
  return values;
}
