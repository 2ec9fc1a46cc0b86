import { KibanError } from '../errors.ts';

export function unknownEntity(name: string) {
  return new KibanError('entity.unknown', 404, {
    ja: `エンティティ「${name}」は公開されていません。`,
    en: `The entity "${name}" is not published.`,
  });
}

export function recordNotFound(entity: string) {
  return new KibanError('record.notFound', 404, {
    ja: `${entity} のレコードが見つかりません。`,
    en: `The ${entity} record was not found.`,
  });
}

export function actionDenied(entity: string, action: string) {
  return new KibanError('access.denied', 403, {
    ja: `${entity} に対する操作「${action}」は許可されていません。`,
    en: `You may not ${action} ${entity} records.`,
  });
}

export function versionConflict(entity: string, current: number) {
  return new KibanError(
    'record.versionConflict',
    412,
    {
      ja: `${entity} のレコードは読み込んだ後に変更されています（現在の版 ${current}）。読み込み直してからやり直してください。`,
      en: `The ${entity} record changed after you read it (now version ${current}). Reload it and try again.`,
    },
    [],
  );
}

export function fieldsNotAllowed(code: 'access.fieldHidden' | 'access.fieldReadOnly', fields: string[], base = '') {
  const hidden = code === 'access.fieldHidden';
  return new KibanError(
    code,
    403,
    hidden
      ? { ja: '参照できない項目が含まれています。', en: 'The request names fields you may not see.' }
      : { ja: '変更できない項目が含まれています。', en: 'The request writes fields you may not change.' },
    fields.map((field) => ({
      pointer: `${base}/${field}`,
      code,
      message: hidden
        ? { ja: `項目「${field}」は参照できません。`, en: `You may not see the field "${field}".` }
        : { ja: `項目「${field}」は変更できません。`, en: `You may not change the field "${field}".` },
    })),
  );
}

export function rowNotAllowed(entity: string) {
  return new KibanError('access.rowDenied', 403, {
    ja: `この内容の ${entity} レコードを保存する権限がありません。`,
    en: `You may not store a ${entity} record with these values.`,
  });
}

export function stateReadOnly(field: string): KibanError {
  return new KibanError(
    'workflow.stateReadOnly',
    422,
    { ja: '入力内容に誤りがあります。', en: 'The record has invalid values.' },
    [
      {
        pointer: `/${field}`,
        code: 'workflow.stateReadOnly',
        message: {
          ja: `「${field}」はワークフローの状態です。遷移でだけ変わります。`,
          en: `"${field}" is the workflow state; only transitions change it.`,
        },
      },
    ],
  );
}

/** The error with its pointers moved under `base`: a line item's errors point into the parent's body. */
export function underPointer(error: KibanError, base: string): KibanError {
  const details =
    error.details.length > 0 ? error.details : [{ pointer: '', code: error.code, message: error.localized }];
  return new KibanError(
    error.code,
    error.status,
    error.localized,
    details.map((detail) => ({ ...detail, pointer: `${base}${detail.pointer}` })),
  );
}
