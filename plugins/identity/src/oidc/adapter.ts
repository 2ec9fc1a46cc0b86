import type { SqlApi } from '@kiban/sdk';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { alreadyRead, forgetRequestReads, readToken, TOKEN_MODELS } from './request-reads.ts';

interface ArtifactRow {
  payload: AdapterPayload;
  consumed: number | null;
}

/**
 * The OpenID Provider's storage in the plugin's `oidc_artifact` table: one row per code, token,
 * session, grant or interaction, with its grant, uid and expiry as columns so that a grant's
 * tokens are revoked in one statement. Registered services (`Client`) come from `relying_party`.
 * A token is read with its grant and session in one statement (`request-reads.ts`).
 */
export function sqlAdapter(sql: SqlApi): new (model: string) => Adapter {
  return class SqlAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      forgetRequestReads();
      await sql.query(
        `insert into oidc_artifact (model, id, payload, grant_id, uid, user_code, expires_at)
         values ($1, $2, $3::jsonb, $4, $5, $6, case when $7::int is null then null else now() + make_interval(secs => $7::int) end)
         on conflict (model, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
           uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
        [
          this.model,
          id,
          JSON.stringify(payload),
          payload.grantId ?? null,
          payload.uid ?? null,
          payload.userCode ?? null,
          Number.isFinite(expiresIn) && expiresIn > 0 ? Math.ceil(expiresIn) : null,
        ],
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return findClient(sql, id);
      const read = alreadyRead(this.model, { id });
      if (read) return read;
      if (TOKEN_MODELS.includes(this.model)) return readToken(sql, this.model, id);
      return this.findWhere('id = $2', id);
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return alreadyRead(this.model, { uid }) ?? this.findWhere('uid = $2', uid);
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('user_code = $2', userCode);
    }

    async consume(id: string): Promise<void> {
      forgetRequestReads();
      await sql.query('update oidc_artifact set consumed_at = now() where model = $1 and id = $2', [this.model, id]);
    }

    async destroy(id: string): Promise<void> {
      forgetRequestReads();
      await sql.query('delete from oidc_artifact where model = $1 and id = $2', [this.model, id]);
    }

    /** The codes and tokens issued under a grant (a replayed code, a revoked refresh token); the grant itself stays. */
    async revokeByGrantId(grantId: string): Promise<void> {
      forgetRequestReads();
      await sql.query('delete from oidc_artifact where grant_id = $1', [grantId]);
    }

    private async findWhere(condition: string, value: string): Promise<AdapterPayload | undefined> {
      const { rows } = await sql.query<ArtifactRow>(
        `select payload, extract(epoch from consumed_at)::bigint as consumed from oidc_artifact
         where model = $1 and ${condition} and (expires_at is null or expires_at > now())`,
        [this.model, value],
      );
      const row = rows[0];
      if (!row) return undefined;
      return row.consumed === null ? row.payload : { ...row.payload, consumed: Number(row.consumed) };
    }
  };
}

/** Removes everything issued under a grant (codes, access and refresh tokens) and the grant itself. */
export async function revokeGrant(sql: SqlApi, grantId: string): Promise<void> {
  await sql.query(`delete from oidc_artifact where grant_id = $1 or (model = 'Grant' and id = $1)`, [grantId]);
}

/**
 * Registered services change rarely and are read at every token, introspection and userinfo
 * request, so each is kept for a few seconds. A change in this process forgets it at once
 * (`forgetClient`); another engine process sees it within `CLIENT_SECONDS` — and a disabled
 * service's tokens are deleted with it, so they stop at once everywhere regardless.
 * Client ids are random UUIDs, so engines sharing the process never share an entry.
 */
const CLIENT_SECONDS = 5;
const clients = new Map<string, { metadata: AdapterPayload | undefined; until: number }>();

export function forgetClient(clientId: string): void {
  clients.delete(clientId);
}

async function findClient(sql: SqlApi, clientId: string): Promise<AdapterPayload | undefined> {
  const kept = clients.get(clientId);
  if (kept && kept.until > Date.now()) return kept.metadata;
  const { rows } = await sql.query<{ metadata: AdapterPayload }>(
    'select metadata from relying_party where client_id = $1 and disabled_at is null',
    [clientId],
  );
  const metadata = rows[0]?.metadata;
  // Unknown ids are not kept: anyone can send one, and the map must not grow with them.
  if (metadata) clients.set(clientId, { metadata, until: Date.now() + CLIENT_SECONDS * 1000 });
  return metadata;
}

/** Removes what expired; the provider never reads it again. */
export async function pruneExpired(sql: SqlApi): Promise<number> {
  const { rowCount } = await sql.query('delete from oidc_artifact where expires_at <= now()');
  return rowCount;
}
