import { isAbsolute } from 'node:path';
import type { ErrorObject } from 'ajv';
import semver from 'semver';
import { createSchemaCompiler, type SchemaCompiler } from './schema-compiler.ts';
import type { PluginDefinition } from './types.ts';

/** One thing wrong with a plugin definition, located by a JSON pointer into it. */
export interface DefinitionProblem {
  pointer: string;
  message: { ja: string; en: string };
}

export const PLUGIN_NAME = '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$';
const CAMEL_NAME = '^[a-z][A-Za-z0-9]*$';
const ENTITY_NAME = '^[A-Z][A-Za-z0-9]*$';
/** `record.created`, `record.*`, `reservations.slotBooked`, `*`. */
const EVENT_PATTERN = '^(?:\\*|[a-z][a-z0-9]*(?:-[a-z0-9]+)*\\.(?:\\*|[a-z][A-Za-z0-9]*))$';
/** A custom element name: lower case with at least one hyphen. */
const ELEMENT_TAG = '^[a-z][a-z0-9._]*-[a-z0-9._-]*$';
/** `30s`, `5m`, `2h`, `1d`. */
export const JOB_INTERVAL = '^[1-9][0-9]*[smhd]$';
export const BASE_FIELD_TYPES = ['string', 'text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'json'];

const text = { type: 'string', minLength: 1 };
const localized = {
  type: 'object',
  required: ['ja'],
  properties: { ja: text, en: text },
  additionalProperties: false,
};
const fn = { isFunction: true };
const schemaObject = { type: 'object' };

/** The shape of a definition; what JSON Schema cannot say is checked in `checkMeaning`. */
const DEFINITION_SCHEMA = {
  type: 'object',
  required: ['name', 'version'],
  properties: {
    name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 },
    version: text,
    requires: {
      type: 'object',
      properties: {
        engine: text,
        plugins: { type: 'object', propertyNames: { pattern: PLUGIN_NAME }, additionalProperties: text },
      },
      additionalProperties: false,
    },
    metadata: { type: 'array', items: text },
    ui: {
      type: 'object',
      required: ['dir', 'entry'],
      properties: {
        dir: text,
        // Inside `dir`: no leading slash, no `..` segment.
        entry: { type: 'string', pattern: '^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[A-Za-z0-9._/-]+\\.m?js$' },
        components: { type: 'array', items: { type: 'string', pattern: ELEMENT_TAG } },
        staffPages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'label', 'tag'],
            properties: {
              name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 },
              label: localized,
              tag: { type: 'string', pattern: ELEMENT_TAG },
              capability: text,
              menuOrder: { type: 'integer' },
            },
            additionalProperties: false,
          },
        },
        // A path below the plugin's own public routes: no leading slash, no `..` segment.
        stepUpPage: { type: 'string', pattern: '^(?!/)(?!.*(?:^|/)\\.\\.(?:/|$))[A-Za-z0-9._/-]+$' },
        recordPanels: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'label', 'tag', 'entities'],
            properties: {
              name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 },
              label: localized,
              tag: { type: 'string', pattern: ELEMENT_TAG },
              entities: { type: 'array', minItems: 1, items: { type: 'string', pattern: ENTITY_NAME } },
              capability: text,
            },
            additionalProperties: false,
          },
        },
        portalWidgets: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'label', 'tag', 'portals'],
            properties: {
              name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 },
              label: localized,
              tag: { type: 'string', pattern: ELEMENT_TAG },
              portals: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['resident', 'staff'] } },
              capability: text,
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    timelines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label', 'entities', 'read'],
        properties: {
          name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 },
          label: localized,
          entities: { type: 'array', minItems: 1, items: { type: 'string', pattern: ENTITY_NAME } },
          read: fn,
        },
        additionalProperties: false,
      },
    },
    delegation: {
      type: 'object',
      required: ['allows'],
      properties: { allows: fn },
      additionalProperties: false,
    },
    fieldTypes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label', 'base', 'schema'],
        properties: {
          name: { type: 'string', pattern: CAMEL_NAME },
          label: localized,
          base: { enum: BASE_FIELD_TYPES },
          schema: schemaObject,
          normalize: {
            type: 'array',
            uniqueItems: true,
            items: { enum: ['nfkc', 'trim', 'katakana', 'hiragana', 'postalCode', 'phone'] },
          },
          message: localized,
          tag: { type: 'string', pattern: ELEMENT_TAG },
        },
        additionalProperties: false,
      },
    },
    actions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label', 'input', 'handler'],
        properties: {
          name: { type: 'string', pattern: CAMEL_NAME },
          label: localized,
          input: schemaObject,
          roles: { type: 'array', items: text },
          assurance: { enum: ['low', 'substantial', 'jpki'] },
          handler: fn,
        },
        additionalProperties: false,
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['event', 'handler'],
        properties: {
          event: { type: 'string', pattern: EVENT_PATTERN },
          entity: { type: 'string', pattern: ENTITY_NAME },
          handler: fn,
        },
        additionalProperties: false,
      },
    },
    realtime: {
      type: 'object',
      required: ['channels'],
      properties: {
        channels: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'authorize'],
            properties: {
              name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 },
              authorize: fn,
              authorizeGuest: fn,
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    jobs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'handler'],
        properties: {
          name: { type: 'string', pattern: CAMEL_NAME },
          every: { type: 'string', pattern: JOB_INTERVAL },
          cron: text,
          maxAttempts: { type: 'integer', minimum: 1, maximum: 100 },
          handler: fn,
        },
        additionalProperties: false,
      },
    },
    settings: {
      type: 'object',
      required: ['schema'],
      properties: { schema: schemaObject },
      additionalProperties: false,
    },
    storage: {
      type: 'object',
      required: ['migrations'],
      properties: {
        migrations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'sql'],
            properties: {
              id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 100 },
              sql: { type: 'string', minLength: 1 },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    publicRoutes: {
      type: 'object',
      required: ['rateLimit', 'routes'],
      properties: {
        rateLimit: {
          type: 'object',
          required: ['requests', 'perSeconds'],
          properties: {
            requests: { type: 'integer', minimum: 1, maximum: 100000 },
            perSeconds: { type: 'integer', minimum: 1, maximum: 86400 },
          },
          additionalProperties: false,
        },
        routes: fn,
      },
      additionalProperties: false,
    },
    cli: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'summary', 'run'],
        properties: { name: { type: 'string', pattern: PLUGIN_NAME, maxLength: 50 }, summary: text, run: fn },
        additionalProperties: false,
      },
    },
    routes: fn,
    install: fn,
    upgrade: fn,
    start: fn,
    stop: fn,
  },
  additionalProperties: false,
};

let compiler: SchemaCompiler | undefined;

/**
 * Every problem of a plugin definition: its shape, a semver version and ranges, unique action
 * and field type names, absolute metadata directories, and schemas that compile. The engine
 * applies the same check to whatever its configuration names, built with `definePlugin` or not.
 */
export function checkPluginDefinition(definition: unknown): DefinitionProblem[] {
  compiler ??= createSchemaCompiler();
  const validate = compiler.shapeValidator(DEFINITION_SCHEMA);
  if (!validate(definition)) return (validate.errors ?? []).map(shapeProblem);
  return checkMeaning(definition as PluginDefinition, compiler);
}

function checkMeaning(definition: PluginDefinition, schemas: SchemaCompiler): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const report = (pointer: string, ja: string, en: string) => problems.push({ pointer, message: { ja, en } });
  if (!semver.valid(definition.version)) {
    report(
      '/version',
      `版「${definition.version}」は semver ではありません。`,
      `"${definition.version}" is not semver.`,
    );
  }
  const engine = definition.requires?.engine;
  if (engine !== undefined && !semver.validRange(engine)) {
    report('/requires/engine', `範囲「${engine}」を読み取れません。`, `"${engine}" is not a semver range.`);
  }
  for (const [name, range] of Object.entries(definition.requires?.plugins ?? {})) {
    if (!semver.validRange(range)) {
      report(`/requires/plugins/${name}`, `範囲「${range}」を読み取れません。`, `"${range}" is not a semver range.`);
    }
  }
  definition.metadata?.forEach((dir, index) => {
    if (!isAbsolute(dir)) {
      report(
        `/metadata/${index}`,
        `メタデータのディレクトリ「${dir}」は絶対パスで指定してください（fileURLToPath(new URL('../metadata', import.meta.url))）。`,
        `The metadata directory "${dir}" must be an absolute path (fileURLToPath(new URL('../metadata', import.meta.url))).`,
      );
    }
  });
  if (definition.ui && !isAbsolute(definition.ui.dir)) {
    report(
      '/ui/dir',
      `画面部品のディレクトリ「${definition.ui.dir}」は絶対パスで指定してください（fileURLToPath(new URL('../ui', import.meta.url))）。`,
      `The UI directory "${definition.ui.dir}" must be an absolute path (fileURLToPath(new URL('../ui', import.meta.url))).`,
    );
  }
  reportDuplicates(definition.actions?.map((action) => action.name) ?? [], '/actions', report);
  reportDuplicates(definition.fieldTypes?.map((type) => type.name) ?? [], '/fieldTypes', report);
  reportDuplicates(definition.realtime?.channels.map((channel) => channel.name) ?? [], '/realtime/channels', report);
  reportDuplicates(definition.jobs?.map((job) => job.name) ?? [], '/jobs', report);
  reportDuplicates(
    definition.storage?.migrations.map((migration) => migration.id) ?? [],
    '/storage/migrations',
    report,
    'id',
  );
  definition.jobs?.forEach((job, index) => {
    if (job.every !== undefined && job.cron !== undefined) {
      report(
        `/jobs/${index}`,
        'ジョブのスケジュールは every か cron のどちらか一方で指定してください。',
        'A job runs on one schedule: give `every` or `cron`, not both.',
      );
    }
  });
  definition.actions?.forEach((action, index) => {
    const problem = schemas.schemaProblem(action.input);
    if (problem)
      report(
        `/actions/${index}/input`,
        `入力スキーマを使えません：${problem}`,
        `The input schema does not compile: ${problem}`,
      );
  });
  if (definition.settings) {
    const problem = schemas.schemaProblem(definition.settings.schema);
    if (problem)
      report('/settings/schema', `スキーマを使えません：${problem}`, `The schema does not compile: ${problem}`);
  }
  definition.fieldTypes?.forEach((type, index) => {
    const problem = schemas.schemaProblem(type.schema);
    if (problem)
      report(
        `/fieldTypes/${index}/schema`,
        `スキーマを使えません：${problem}`,
        `The schema does not compile: ${problem}`,
      );
  });
  return problems;
}

function reportDuplicates(
  names: string[],
  base: string,
  report: (pointer: string, ja: string, en: string) => void,
  key = 'name',
): void {
  names.forEach((name, index) => {
    const first = names.indexOf(name);
    if (first !== index) {
      report(
        `${base}/${index}/${key}`,
        `名前「${name}」は ${base.slice(1)}[${first}] と重複しています。`,
        `The name "${name}" is already used by ${base.slice(1)}[${first}].`,
      );
    }
  });
}

function shapeProblem(error: ErrorObject): DefinitionProblem {
  const pointer =
    error.keyword === 'additionalProperties'
      ? `${error.instancePath}/${(error.params as { additionalProperty: string }).additionalProperty}`
      : error.instancePath;
  const reason = error.keyword === 'isFunction' ? 'must be a function' : (error.message ?? 'is not valid');
  return {
    pointer,
    message: {
      ja: `${pointer || '定義'} が正しくありません（${reason}）。`,
      en: `${pointer || 'The definition'} ${reason}.`,
    },
  };
}
