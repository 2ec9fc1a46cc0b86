import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiRecord } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, RecordValidation, RuleCondition } from '../metadata/index.ts';
import { describeCondition } from '../rules/describe.ts';
import { recordMeets } from '../rules/record-condition.ts';
import type { LiveApp } from '../runtime/live-app.ts';

interface Problem {
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}

/**
 * The entity's `validations` (record) and each field's (while the field has a value), decided
 * on the record as it is to be stored, in the write's transaction. A create is checked against
 * all of them; an update only against those that read a field it changes, so that an old
 * record is not refused for a date that has since moved into the past. Every failure is
 * reported at once (422 `record.invalid`), with a message naming the fields by their labels.
 */
export async function checkValidations(
  em: EntityManager,
  live: LiveApp,
  entity: EntityMetadata,
  row: ApiRecord,
  changed: ReadonlySet<string> | 'all',
): Promise<void> {
  const problems: Problem[] = [];
  const applies = (condition: RuleCondition) =>
    changed === 'all' || [...fieldsIn(condition)].some((f) => changed.has(f));
  const check = async (validation: RecordValidation, pointer: string, label?: string) => {
    if (!applies(validation.condition)) return;
    if (await recordMeets(em, live, entity, validation.condition, row)) return;
    problems.push({ pointer, code: 'record.validation', message: messageOf(live, entity, validation, label) });
  };
  for (const field of entity.fields) {
    if (row[field.name] === null || row[field.name] === undefined) continue;
    for (const validation of field.validations ?? []) {
      await check(validation, `/${field.name}`, field.label.ja);
    }
  }
  for (const validation of entity.validations ?? []) {
    const [first] = fieldsIn(validation.condition);
    await check(validation, first === undefined ? '' : `/${first}`);
  }
  if (problems.length > 0) {
    throw new KibanError(
      'record.invalid',
      422,
      { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' },
      problems,
    );
  }
}

function messageOf(
  live: LiveApp,
  entity: EntityMetadata,
  validation: RecordValidation,
  fieldLabel: string | undefined,
): { ja: string; en: string } {
  const condition = describeCondition(validation.condition, entity, live.entities);
  const ja =
    validation.message?.ja ??
    (fieldLabel === undefined
      ? `「${condition.ja}」を満たしていません。`
      : `「${fieldLabel}」は「${condition.ja}」を満たす必要があります。`);
  const en = validation.message?.en ?? `${condition.en} must hold.`;
  return { ja, en };
}

/** The subject's fields a condition reads: its facts' first steps and its field operands. */
function fieldsIn(condition: RuleCondition): Set<string> {
  if ('all' in condition) return new Set(condition.all.flatMap((each) => [...fieldsIn(each)]));
  if ('any' in condition) return new Set(condition.any.flatMap((each) => [...fieldsIn(each)]));
  if ('not' in condition) return fieldsIn(condition.not);
  const fields = new Set([condition.of ?? condition.fact.split('.')[0]]);
  const operands = Array.isArray(condition.value) ? condition.value : [condition.value];
  for (const operand of operands) {
    if (typeof operand === 'object' && operand !== null && 'field' in operand) fields.add(String(operand.field));
  }
  return fields;
}
