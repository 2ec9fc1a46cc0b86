import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './create-ajv.ts';
import { describeAjvErrors } from './messages.ts';
import { METADATA_KINDS, type MetadataError, type MetadataKind } from './types.ts';

const SCHEMA_FILES = ['common', ...METADATA_KINDS, 'package'] as const;
const SCHEMA_BASE = 'https://kiban.local/schema/';

interface LanguageValidators {
  items: Record<MetadataKind, ValidateFunction>;
  manifest: ValidateFunction;
}

let validators: LanguageValidators | undefined;

/** Compiles the language's schemas on first use; they never change while the process runs. */
function languageValidators(): LanguageValidators {
  if (validators) return validators;
  const ajv = createAjv();
  for (const file of SCHEMA_FILES) {
    const path = fileURLToPath(import.meta.resolve(`@kiban/metadata/schema/${file}.json`));
    ajv.addSchema(JSON.parse(readFileSync(path, 'utf8')));
  }
  const compiled = (file: (typeof SCHEMA_FILES)[number]) => {
    const validate = ajv.getSchema(`${SCHEMA_BASE}${file}.json`);
    if (!validate) throw new Error(`The metadata schema ${file}.json did not load.`);
    return validate;
  };
  validators = {
    items: {
      entity: compiled('entity'),
      form: compiled('form'),
      view: compiled('view'),
      role: compiled('role'),
      rule: compiled('rule'),
      workflow: compiled('workflow'),
      page: compiled('page'),
      report: compiled('report'),
      dashboard: compiled('dashboard'),
      agent: compiled('agent'),
    },
    manifest: compiled('package'),
  };
  return validators;
}

/** Checks one metadata item against the schema of its `kind`. */
export function validateItemShape(item: unknown): MetadataError[] {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return [
      {
        pointer: '',
        code: 'schema.type',
        message: {
          ja: '定義は JSON のオブジェクト（{ }）でなければなりません。',
          en: 'A definition must be a JSON object ({ }).',
        },
      },
    ];
  }
  const { kind, name } = item as { kind?: unknown; name?: unknown };
  const identity = typeof name === 'string' ? { name } : {};
  if (!isKind(kind)) return [{ ...identity, ...unknownKind(kind) }];
  const validate = languageValidators().items[kind];
  if (validate(item)) return [];
  return describeAjvErrors(validate.errors, { data: item }).map((problem) => ({ kind, ...identity, ...problem }));
}

/** Checks a package manifest (`manifest.json`) against `package.json` of the language. */
export function validateManifestShape(manifest: unknown): MetadataError[] {
  const { manifest: validate } = languageValidators();
  if (validate(manifest)) return [];
  const name = (manifest as { name?: unknown } | null)?.name;
  const identity = typeof name === 'string' ? { name } : {};
  return describeAjvErrors(validate.errors, { data: manifest, root: { ja: 'マニフェスト', en: 'The manifest' } }).map(
    (problem) => ({ kind: 'package' as const, ...identity, ...problem }),
  );
}

function isKind(kind: unknown): kind is MetadataKind {
  return (METADATA_KINDS as readonly unknown[]).includes(kind);
}

function unknownKind(kind: unknown): MetadataError {
  const allowed = METADATA_KINDS.join(', ');
  return {
    pointer: '/kind',
    code: 'schema.kind',
    message:
      kind === undefined
        ? {
            ja: `定義の種類「kind」がありません。${allowed} のどれかを指定してください。`,
            en: `The definition has no "kind". Give one of ${allowed}.`,
          }
        : {
            ja: `定義の種類 ${JSON.stringify(kind)} は使えません。${allowed} のどれかを指定してください。`,
            en: `The kind ${JSON.stringify(kind)} is not known. Give one of ${allowed}.`,
          },
  };
}
