import { type EntityManager, type EntitySchema, MikroORM, type PostgreSqlConnection } from '@mikro-orm/postgresql';
import pg from 'pg';
import { type AccessPolicy, type AuditInput, createAccessPolicy, insertAuditsStatement } from '../access/index.ts';
import { type ApiRecord, type Sql, sqlOf, toEntitySchema } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import {
  type EntityMetadata,
  type FieldTypeRegistry,
  type MetadataItem,
  type MetadataKind,
  NO_PLUGIN_FIELD_TYPES,
  type RoleMetadata,
  resolveAllFieldTypes,
  UnknownFieldTypeError,
} from '../metadata/index.ts';
import type { RecordChange, RecordWrittenListener, StagedWork } from '../records/index.ts';
import { transactionWithAfterCommit } from './after-commit.ts';

/**
 * One published generation of the app, compiled: entity schemas bound to their own ORM,
 * the access policy of the published roles. Immutable; a publish builds the next one and
 * swaps it in, so a request sees exactly one generation from start to end.
 */
export interface LiveApp {
  readonly generation: number;
  readonly orm: MikroORM;
  /** The published items as written. */
  readonly items: readonly MetadataItem[];
  /** The published entities with plugin field types resolved to their base types. */
  readonly entities: ReadonlyMap<string, EntityMetadata>;
  /** The plugin field types this generation's metadata may use. */
  readonly fieldTypes: FieldTypeRegistry;
  /** The MikroORM schema of each published entity, by entity name. */
  readonly schemas: ReadonlyMap<string, EntitySchema<ApiRecord>>;
  readonly policy: AccessPolicy;
  item(kind: MetadataKind, name: string): MetadataItem | undefined;
  /** SQL outside any transaction, for single statements. */
  sql(): Sql;
  /** Runs `work` in one transaction; everything it writes commits together or not at all. */
  transaction<T>(work: (em: EntityManager, sql: Sql) => Promise<T>): Promise<T>;
  /** Called inside every record write's transaction, after its audit row; its work commits with the write. */
  recordWritten(em: EntityManager, change: RecordChange): Promise<void>;
  /**
   * The audit entries of several writes of one transaction and the same work as
   * `recordWritten` for each: the entries and the rows listeners only append (their events) as
   * appends a statement of the write can carry, then the rest of the listeners' work.
   */
  stageWrites(changes: readonly RecordChange[], audits: readonly AuditInput[]): StagedWork;
  /** Told about every record write made outside a caller's own transaction, once it has committed. */
  reportChange(change: RecordChange): void;
  /** Values derived from this generation on first use, e.g. validators or the OpenAPI document. */
  memo<T>(key: string, build: () => T): T;
  /**
   * A small connection pool of its own under `key`, on a PostgreSQL server only (undefined on
   * PGlite), whose connections start with `startupOptions` (`-c name=value`, PostgreSQL's
   * `options`). Same server, user and type parsers as the ORM's pool; closed with this generation.
   */
  ownPool(key: string, startupOptions: string): pg.Pool | undefined;
  /** Marks work in progress on this generation; call the returned function when it ends. */
  enter(): () => void;
  /** Closes the ORM once the work in progress has ended; new work must use the next generation. */
  retire(): Promise<void>;
}

export interface LiveAppOptions {
  databaseUrl: string;
  embedded: boolean;
  generation: number;
  items: readonly MetadataItem[];
  fieldTypes?: FieldTypeRegistry;
  /** Work that must commit with each record write (see `LiveApp.recordWritten`). */
  recordWritten?: RecordWrittenListener;
  onRecordChange?: (change: RecordChange) => void;
}

export async function buildLiveApp(options: LiveAppOptions): Promise<LiveApp> {
  const fieldTypes = options.fieldTypes ?? NO_PLUGIN_FIELD_TYPES;
  const entityItems = resolvedEntities(options.items, fieldTypes);
  const roles = options.items.filter((item): item is RoleMetadata => item.kind === 'role');
  const schemas = new Map(entityItems.map((entity) => [entity.name, toEntitySchema(entity)]));
  const orm = await MikroORM.init({
    clientUrl: options.databaseUrl,
    entities: [...schemas.values()],
    discovery: { warnWhenNoEntities: false },
    // PGlite serialises every query anyway; a small pool keeps its connection slots free.
    pool: { min: 0, max: options.embedded ? 4 : 10 },
    allowGlobalContext: false,
    debug: false,
  });
  const byKey = new Map(options.items.map((item) => [`${item.kind}:${item.name}`, item]));
  const memos = new Map<string, unknown>();
  const ownPools = new Map<string, pg.Pool>();
  const lifecycle = usageTracker(async () => {
    await Promise.all([...ownPools.values()].map((pool) => pool.end()));
    await orm.close();
  });
  const listener = options.recordWritten;
  const app: LiveApp = {
    generation: options.generation,
    orm,
    items: options.items,
    entities: new Map(entityItems.map((entity) => [entity.name, entity])),
    fieldTypes,
    schemas,
    policy: createAccessPolicy(roles),
    recordWritten: async (em, change) => listener?.(em, change, app),
    stageWrites: (changes, audits) => {
      const audited = audits.length > 0 ? [insertAuditsStatement(audits)] : [];
      if (!listener) return { appends: audited, after: async () => {} };
      if (listener.staged) {
        const staged = listener.staged(changes, app);
        return { appends: [...audited, ...staged.appends], after: staged.after };
      }
      const after = async (em: EntityManager) => {
        if (listener.many) await listener.many(em, changes, app);
        else for (const change of changes) await listener(em, change, app);
      };
      return { appends: audited, after };
    },
    reportChange: options.onRecordChange ?? (() => {}),
    item: (kind, name) => byKey.get(`${kind}:${name}`),
    sql: () => sqlOf(orm.em.fork()),
    transaction: (work) => transactionWithAfterCommit(orm.em.fork(), (em) => work(em, sqlOf(em))),
    memo<T>(key: string, build: () => T): T {
      if (!memos.has(key)) memos.set(key, build());
      return memos.get(key) as T;
    },
    ownPool(key, startupOptions) {
      if (options.embedded) return undefined;
      let pool = ownPools.get(key);
      if (!pool) {
        const connection = orm.em.getConnection() as PostgreSqlConnection;
        pool = new pg.Pool(connection.mapOptions({ ...OWN_POOL, options: startupOptions }));
        // A dropped connection is discarded by the pool and fails only the statement it carried.
        pool.on('error', () => {});
        pool.on('connect', (client) => client.on('error', () => {}));
        ownPools.set(key, pool);
      }
      return pool;
    },
    enter: lifecycle.enter,
    retire: lifecycle.retire,
  };
  return app;
}

/** Small and short-lived: one per plugin beside the engine's pool of ten, gone when idle. */
const OWN_POOL = { min: 0, max: 4, idleTimeoutMillis: 10_000 };

/** The entities as the data layer sees them; published metadata naming a type no loaded plugin provides cannot run. */
function resolvedEntities(items: readonly MetadataItem[], fieldTypes: FieldTypeRegistry): EntityMetadata[] {
  try {
    return resolveAllFieldTypes(items, fieldTypes).filter((item): item is EntityMetadata => item.kind === 'entity');
  } catch (error) {
    if (!(error instanceof UnknownFieldTypeError)) throw error;
    throw new KibanError(
      'metadata.unknownFieldType',
      500,
      {
        ja: `公開中のメタデータが、読み込まれていないプラグインのフィールド型を使っています：${error.errors.map((e) => e.message.ja).join(' ')}`,
        en: `The published metadata uses field types of plugins that are not loaded: ${error.message}`,
      },
      error.errors.map((e) => ({ pointer: `/${e.kind}/${e.name}${e.pointer}`, code: e.code, message: e.message })),
    );
  }
}

/** Counts work in progress so that retiring closes exactly when the last piece ends. */
function usageTracker(close: () => Promise<void>) {
  let active = 0;
  let retiring = false;
  const { promise: closed, resolve: markClosed, reject: failClose } = Promise.withResolvers<void>();
  const closeNow = () => close().then(markClosed, failClose);
  return {
    enter() {
      active += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active -= 1;
        if (retiring && active === 0) void closeNow();
      };
    },
    retire(): Promise<void> {
      if (!retiring) {
        retiring = true;
        if (active === 0) void closeNow();
      }
      return closed;
    },
  };
}
