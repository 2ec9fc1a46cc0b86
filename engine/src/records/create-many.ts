import { runAppends } from '../data/appends.ts';
import { sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { normalizeRecordInput } from '../metadata/index.ts';
import { splitLineItems } from './line-items.ts';
import { authorize, inScopeTransaction, type RecordScope, reportChange, stagedWrites } from './scope.ts';
import { createLineItemRecords } from './write.ts';

/**
 * Many records of one entity at once, for a plugin's import: each row is checked as `create`
 * checks one (a problem answers under `/<index>`, and nothing is written), then every row goes
 * in one statement, with one audit row naming all of them and one event each, in one
 * transaction. Rows carry no line items and no `owner`: write those one at a time.
 */
export async function createRecords(
  scope: RecordScope,
  entityName: string,
  inputs: readonly Record<string, unknown>[],
): Promise<Array<{ id: string; version: number }>> {
  if (inputs.length === 0) return [];
  const { entity } = authorize(scope, entityName, 'create');
  const rows = inputs.map((input, index) => {
    const normalized = normalizeRecordInput(entity, input);
    if ('owner' in normalized || splitLineItems(entity, normalized).lineItems.length > 0) throw notInMany(index);
    return normalized;
  });
  const changes = await inScopeTransaction(scope, async (em) => {
    const pending = await createLineItemRecords({ ...scope, em }, entityName, rows, (index) => `/${index}`);
    const staged = stagedWrites(scope, pending.writes, pending.audits);
    await runAppends(sqlOf(em), staged.work.appends);
    await staged.work.after(em);
    return staged.changes;
  });
  for (const change of changes) reportChange(scope, change);
  return changes.map((change) => ({ id: change.id, version: Number(change.version) }));
}

function notInMany(index: number): KibanError {
  const message = {
    ja: '一括作成では所有者と明細を指定できません。1 件ずつ作成してください。',
    en: 'Records created together take no owner and no line items; create such a record on its own.',
  };
  return new KibanError(
    'record.invalid',
    422,
    { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' },
    [{ pointer: `/${index}`, code: 'record.notInMany', message }],
  );
}
