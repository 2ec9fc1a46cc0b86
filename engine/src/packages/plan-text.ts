import type { MigrationStep } from '../data/index.ts';
import { formatDiffEntry } from './item-diff.ts';
import type { PackagePlan } from './types.ts';

type Language = 'ja' | 'en';

const WORDS = {
  ja: {
    none: '（なし）',
    unchanged: '件は変更なし',
    migration: '移行手順',
    noMigration: '移行手順はありません。',
    rows: '行に影響',
    blocked: '適用不可',
    unmet: '満たされていない前提',
    notInstalled: '未インストール',
    refusals: '適用は拒否されます：',
    destructive: 'データを失う手順があります（--allow-destructive が必要です）',
  },
  en: {
    none: '(none)',
    unchanged: 'unchanged',
    migration: 'Migration',
    noMigration: 'No migration steps.',
    rows: 'rows affected',
    blocked: 'blocked',
    unmet: 'Unmet requirements',
    notInstalled: 'not installed',
    refusals: 'Applying it would be refused:',
    destructive: 'destructive steps need --allow-destructive',
  },
} as const;

/** The plan as a command line prints it for a dry run, in Japanese or English. */
export function formatPackagePlan(plan: PackagePlan, language: Language = 'ja'): string {
  const words = WORDS[language];
  const lines = [`${plan.action} ${plan.package}: ${plan.fromVersion ?? words.none} → ${plan.toVersion ?? words.none}`];
  for (const key of plan.created) lines.push(`  + ${key.kind} ${key.name}`);
  for (const change of plan.changed) {
    lines.push(`  ~ ${change.kind} ${change.name}`);
    for (const entry of change.diff) lines.push(`      ${formatDiffEntry(entry)}`);
  }
  for (const key of plan.removed) lines.push(`  - ${key.kind} ${key.name}`);
  if (plan.unchanged.length > 0) lines.push(`  = ${plan.unchanged.length} ${words.unchanged}`);
  if (plan.migration.steps.length === 0) lines.push(words.noMigration);
  else {
    lines.push(`${words.migration}:`);
    for (const step of plan.migration.steps) lines.push(`  ${formatStep(step, language)}`);
  }
  if (plan.unmetRequirements.length > 0) {
    lines.push(`${words.unmet}:`);
    for (const unmet of plan.unmetRequirements) {
      lines.push(`  ${unmet.type} ${unmet.name} ${unmet.range} (${unmet.installed ?? words.notInstalled})`);
    }
  }
  const refusals = [
    ...(plan.unmetRequirements.length > 0 ? [words.unmet] : []),
    ...(plan.migration.destructive ? [words.destructive] : []),
    ...(plan.migration.blocked ? [words.blocked] : []),
  ];
  if (refusals.length > 0) lines.push(`${words.refusals} ${refusals.join(' / ')}`);
  return `${lines.join('\n')}\n`;
}

function formatStep(step: MigrationStep, language: Language): string {
  const words = WORDS[language];
  const target = step.column ? `${step.table}.${step.column}` : step.table;
  const rows = step.affectedRows === undefined ? '' : ` (${step.affectedRows} ${words.rows})`;
  const blocked = step.blocked ? ` [${words.blocked}: ${step.blocked[language]}]` : '';
  return `${step.safety.padEnd(11)} ${step.action} ${target}: ${step.reason[language]}${rows}${blocked}`;
}
