import { type DataApi, PluginError, type SegmentRule, type SegmentsApi } from '@kiban/sdk';
import { type ApiRecord, quoteIdent, SYSTEM_COLUMN_NAMES, tableName } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { EntityMetadata, RuleMetadata } from '../metadata/index.ts';
import { compileRuleCondition, recordMeets, ruleProblems, SUBJECT_ALIAS } from '../rules/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { createSegmentMatcher } from './segment-matcher.ts';
import type { InPluginTransaction } from './storage-api.ts';

export interface SegmentsDeps {
  live(): LiveApp;
  inTransaction: InPluginTransaction;
  /** The data API as the plugin's system actor, which reads every record. */
  systemData(): DataApi;
}

const COLUMNS = { id: SYSTEM_COLUMN_NAMES.id, owner: SYSTEM_COLUMN_NAMES.owner } as const;

/** The rule language for plugins, evaluated as the system: compiled to SQL, or run on one record. */
export function createSegmentsApi(deps: SegmentsDeps): SegmentsApi {
  return {
    async select(entity, rule, options = {}) {
      const live = deps.live();
      const { metadata, resolved } = resolveRule(live, entity, rule);
      const columns = selectedColumns(options.select ?? 'id');
      const firstPlaceholder = options.paramOffset ?? 1;
      if (!columns || !Number.isInteger(firstPlaceholder) || firstPlaceholder < 1) {
        throw invalid(
          {
            ja: 'select は id、owner またはその配列、paramOffset は 1 以上の整数です。',
            en: 'select must be id, owner or a list of them, and paramOffset a whole number from 1.',
          },
          [],
        );
      }
      const condition = compileRuleCondition(resolved, metadata, {
        now: new Date(),
        entities: live.entities,
        firstPlaceholder,
      });
      const table = quoteIdent(tableName(metadata.name));
      const selected = columns.map((column) => `${SUBJECT_ALIAS}.${quoteIdent(column)}`).join(', ');
      const text = `select ${selected} from ${table} ${SUBJECT_ALIAS} where ${condition.where}`;
      return { text, params: condition.values };
    },
    async matches(entity, id, rule) {
      return deps.inTransaction(async ({ em, live }) => {
        const { metadata, resolved } = resolveRule(live, entity, rule);
        const record = await deps
          .systemData()
          .get(entity, id)
          .catch((error: unknown) => {
            if (error instanceof KibanError && error.code === 'record.notFound') return undefined;
            throw error;
          });
        return record !== undefined && recordMeets(em, live, metadata, resolved.condition, record as ApiRecord);
      });
    },
    async matcher(entity, rules) {
      if (!Array.isArray(rules)) {
        throw invalid({ ja: 'ルールは配列で渡します。', en: 'The rules must be an array.' }, []);
      }
      const resolve = (live: LiveApp) => {
        const resolved = rules.map((rule) => resolveRule(live, entity, rule));
        return {
          metadata: resolved[0]?.metadata ?? entityOf(live, entity),
          rules: resolved.map((each) => each.resolved),
        };
      };
      return createSegmentMatcher(
        { inTransaction: deps.inTransaction, systemData: deps.systemData, resolve },
        deps.live(),
      );
    },
  };
}

/** The columns asked for, in the order asked; undefined for anything but `id` and `owner`. */
function selectedColumns(select: unknown): string[] | undefined {
  const names: unknown[] = Array.isArray(select) ? select : [select];
  if (names.length === 0) return undefined;
  const columns = names.map((name) => (name === 'id' || name === 'owner' ? COLUMNS[name] : undefined));
  return columns.every((column) => column !== undefined) ? columns : undefined;
}

/** A published rule by name, or a rule object that would publish; on `entity` either way. */
function resolveRule(
  live: LiveApp,
  entity: string,
  rule: SegmentRule,
): { metadata: EntityMetadata; resolved: RuleMetadata } {
  const segment = (rule as { segment?: unknown } | null)?.segment;
  const resolved = typeof segment === 'string' ? (live.item('rule', segment) as RuleMetadata | undefined) : rule;
  if (resolved === undefined) {
    throw new PluginError('segment.notFound', 404, {
      ja: `ルール「${segment}」は公開されていません。`,
      en: `The rule "${segment}" is not published.`,
    });
  }
  const problems = typeof segment === 'string' ? [] : ruleProblems(live, resolved);
  if (problems.length > 0) throw invalid({ ja: 'ルールに誤りがあります。', en: 'The rule has problems.' }, problems);
  const metadata = live.entities.get(entity);
  if (!metadata || (resolved as RuleMetadata).entity !== entity) {
    throw invalid(
      {
        ja: `ルールが公開済みのエンティティ ${entity} のものではありません。`,
        en: `The rule is not about the published entity ${entity}.`,
      },
      [],
    );
  }
  return { metadata, resolved: resolved as RuleMetadata };
}

/** The published entity, for a matcher of no rules. */
function entityOf(live: LiveApp, entity: string): EntityMetadata {
  const metadata = live.entities.get(entity);
  if (!metadata) {
    throw invalid(
      { ja: `エンティティ ${entity} は公開されていません。`, en: `The entity ${entity} is not published.` },
      [],
    );
  }
  return metadata;
}

function invalid(message: PluginError['localized'], details: PluginError['details']): PluginError {
  return new PluginError('segment.invalid', 422, message, details);
}
