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
    partial: '部分パッケージ：載っている定義と行だけを追加・変更し、何も削除しません。',
    full: '完全パッケージ：載っていない定義（以前このパッケージが入れたもの）と参照データの行は削除されます。',
    wouldRemove: '完全なパッケージなら削除されるもの（今回は残します）：',
    data: '参照データ',
    rowsUnchanged: '行は変更なし',
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
    partial: 'Partial package: only the listed items and rows are added or changed; nothing is removed.',
    full: 'Full package: items it installed before and reference rows that it does not list are removed.',
    wouldRemove: 'A full package would remove (kept this time):',
    data: 'Reference data',
    rowsUnchanged: 'rows unchanged',
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
  lines.push(...dataLines(plan, language));
  if (plan.wouldRemove.length > 0 || plan.data.some((set) => set.wouldDelete.length > 0)) {
    lines.push(words.wouldRemove);
    for (const key of plan.wouldRemove) lines.push(`  - ${key.kind} ${key.name}`);
    for (const set of plan.data) for (const key of set.wouldDelete) lines.push(`  - ${set.entity} ${keyText(key)}`);
  }
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
  if (plan.action === 'import') lines.push(plan.partial ? words.partial : words.full);
  const refusals = [
    ...(plan.unmetRequirements.length > 0 ? [words.unmet] : []),
    ...(plan.migration.destructive ? [words.destructive] : []),
    ...(plan.migration.blocked ? [words.blocked] : []),
  ];
  if (refusals.length > 0) lines.push(`${words.refusals} ${refusals.join(' / ')}`);
  return `${lines.join('\n')}\n`;
}

function dataLines(plan: PackagePlan, language: Language): string[] {
  const words = WORDS[language];
  if (plan.data.length === 0) return [];
  const lines = [`${words.data}:`];
  for (const set of plan.data) {
    lines.push(`  ${set.entity} (${set.key.join(', ')})`);
    for (const key of set.inserted) lines.push(`    + ${keyText(key)}`);
    for (const change of set.updated) {
      lines.push(`    ~ ${keyText(change.key)}`);
      for (const entry of change.diff) lines.push(`        ${formatDiffEntry(entry)}`);
    }
    for (const key of set.deleted) lines.push(`    - ${keyText(key)}`);
    if (set.unchanged > 0) lines.push(`    = ${set.unchanged} ${words.rowsUnchanged}`);
  }
  return lines;
}

function keyText(key: Record<string, unknown>): string {
  return Object.values(key)
    .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .join(' / ');
}

function formatStep(step: MigrationStep, language: Language): string {
  const words = WORDS[language];
  const target = step.column ? `${step.table}.${step.column}` : step.table;
  const rows = step.affectedRows === undefined ? '' : ` (${step.affectedRows} ${words.rows})`;
  const blocked = step.blocked ? ` [${words.blocked}: ${step.blocked[language]}]` : '';
  return `${step.safety.padEnd(11)} ${step.action} ${target}: ${step.reason[language]}${rows}${blocked}`;
}
