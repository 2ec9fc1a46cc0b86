import { KibanError } from '../errors.ts';
import type { WorkflowTransition } from '../metadata/index.ts';
import type { FailedCondition } from './permission.ts';

export function noWorkflow(entity: string): KibanError {
  return new KibanError('workflow.none', 404, {
    ja: `エンティティ「${entity}」にはワークフローがありません。`,
    en: `The entity "${entity}" has no workflow.`,
  });
}

export function unknownTransition(name: string): KibanError {
  return new KibanError('workflow.unknownTransition', 404, {
    ja: `遷移「${name}」はありません。`,
    en: `There is no transition "${name}".`,
  });
}

/** The record is not in a state the transition starts from — e.g. someone else moved it first. */
export function invalidTransition(name: string, state: string, from: readonly string[]): KibanError {
  return new KibanError('workflow.invalidTransition', 409, {
    ja: `現在の状態「${state}」からは遷移「${name}」を行えません（行えるのは ${from.join('、')} から）。`,
    en: `The transition "${name}" cannot start from the current state "${state}" (only from ${from.join(', ')}).`,
  });
}

export function transitionDenied(name: string): KibanError {
  return new KibanError('workflow.transitionDenied', 403, {
    ja: `遷移「${name}」を行う権限がありません。`,
    en: `You may not make the transition "${name}".`,
  });
}

/** Names the transition by its label and each failed part of the guard with field labels. */
export function guardFailed(transition: WorkflowTransition, failed: readonly FailedCondition[]): KibanError {
  const label = { ja: transition.label.ja, en: transition.label.en ?? transition.name };
  const reasons = {
    ja: failed.map((part) => `「${part.described.ja}」`).join('、'),
    en: failed.map((part) => part.described.en).join('; '),
  };
  return new KibanError(
    'workflow.guardFailed',
    422,
    failed.length === 0
      ? {
          ja: `このレコードは「${label.ja}」の条件（ルール「${transition.guard}」）を満たしていません。`,
          en: `The record does not meet the condition of "${label.en}" (rule "${transition.guard}").`,
        }
      : {
          ja: `このレコードは「${label.ja}」の条件を満たしていません：${reasons.ja}。`,
          en: `The record does not meet the condition of "${label.en}": ${reasons.en}.`,
        },
    failed.map((part) => ({
      pointer: `/rule/${transition.guard}${part.pointer}`,
      code: 'workflow.guardCondition',
      message: { ja: part.described.ja, en: part.described.en },
    })),
  );
}

export function commentRequired(name: string): KibanError {
  return new KibanError(
    'workflow.commentRequired',
    422,
    { ja: `遷移「${name}」にはコメントが必要です。`, en: `The transition "${name}" needs a comment.` },
    [
      {
        pointer: '/comment',
        code: 'workflow.commentRequired',
        message: { ja: 'コメントを入力してください。', en: 'Enter a comment.' },
      },
    ],
  );
}

export function taskNotFound(): KibanError {
  return new KibanError('workflow.taskNotFound', 404, {
    ja: '作業が見つからないか、あなたの担当ではありません。',
    en: 'The task does not exist or is not assigned to you.',
  });
}

export function actionFailed(action: string, cause: unknown): KibanError {
  const reason = cause instanceof KibanError ? cause.localized : { ja: '内部エラー', en: 'internal error' };
  return new KibanError(
    'workflow.actionFailed',
    cause instanceof KibanError && cause.status < 500 ? 422 : 500,
    {
      ja: `遷移の動作「${action}」に失敗しました：${reason.ja}`,
      en: `The transition's action "${action}" failed: ${reason.en}`,
    },
    cause instanceof KibanError ? cause.details : [],
  );
}
