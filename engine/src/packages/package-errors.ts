import { type ErrorDetail, KibanError, type LocalizedMessage } from '../errors.ts';
import type { UnmetRequirement } from './types.ts';

/** A problem located in a package file: `entities/Branch.json#/fields/0/type`. */
export function fileProblem(file: string, pointer: string, code: string, message: LocalizedMessage): ErrorDetail {
  return { pointer: `${file}#${pointer}`, code, message };
}

export function escapePointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function invalidPackage(source: string, details: ErrorDetail[]): KibanError {
  return new KibanError(
    'package.invalid',
    422,
    {
      ja: `パッケージ ${source} に ${details.length} 件の問題があります。`,
      en: `The package ${source} has ${details.length} problem(s).`,
    },
    details,
  );
}

/** Entries that could write or read outside the package: refused before anything is used. */
export function unsafePackage(source: string, details: ErrorDetail[]): KibanError {
  return new KibanError(
    'package.unsafe',
    422,
    {
      ja: `パッケージ ${source} に安全でない項目が ${details.length} 件あります（絶対パス、..、リンク、特殊ファイル）。`,
      en: `The package ${source} has ${details.length} unsafe entr(y/ies): absolute paths, .., links or special files.`,
    },
    details,
  );
}

export function packageTooLarge(source: string, detail: ErrorDetail): KibanError {
  return new KibanError(
    'package.tooLarge',
    413,
    { ja: `パッケージ ${source} は上限を超えています。`, en: `The package ${source} exceeds a limit.` },
    [detail],
  );
}

export function packageUnreadable(source: string, reason: string): KibanError {
  return new KibanError(
    'package.unreadable',
    422,
    {
      ja: `パッケージ ${source} を読み込めません（${reason}）。`,
      en: `Cannot read the package ${source} (${reason}).`,
    },
    [],
  );
}

export function unmetRequirementsError(name: string, unmet: UnmetRequirement[]): KibanError {
  return new KibanError(
    'package.requires',
    409,
    {
      ja: `パッケージ ${name} が必要とするものが ${unmet.length} 件そろっていません。`,
      en: `The package ${name} has ${unmet.length} unmet requirement(s).`,
    },
    unmet.map((requirement) => {
      const what =
        requirement.type === 'plugin' ? { ja: 'プラグイン', en: 'plugin' } : { ja: 'パッケージ', en: 'package' };
      const installed = requirement.installed;
      return fileProblem(
        'manifest.json',
        `/requires/${requirement.type}s/${escapePointerSegment(requirement.name)}`,
        `package.requires.${requirement.type}`,
        {
          ja: `${what.ja} ${requirement.name} ${requirement.range} が必要ですが、${installed === null ? 'インストールされていません' : `${installed} がインストールされています`}。`,
          en: `Needs ${what.en} ${requirement.name} ${requirement.range}; ${installed === null ? 'it is not installed' : `${installed} is installed`}.`,
        },
      );
    }),
  );
}

export function nothingToRollBack(name: string): KibanError {
  return new KibanError(
    'package.nothingToRollBack',
    409,
    {
      ja: `パッケージ ${name} には取り消せる取り込みがありません。`,
      en: `The package ${name} has no import to roll back.`,
    },
    [],
  );
}

/** Someone imported or rolled back the same package between the plan and the apply. */
export function packageConflict(name: string): KibanError {
  return new KibanError(
    'package.conflict',
    409,
    {
      ja: `パッケージ ${name} は計画の後に別の操作で変更されました。もう一度実行してください。`,
      en: `The package ${name} changed after it was planned; run the operation again.`,
    },
    [],
  );
}
