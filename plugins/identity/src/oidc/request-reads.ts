import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlApi } from '@kiban/sdk';
import type { AdapterPayload } from 'oidc-provider';

/** The artifacts a token, code or refresh token is looked up as: one id, whichever it turns out to be. */
export const TOKEN_MODELS = ['AccessToken', 'RefreshToken', 'AuthorizationCode'];

interface ReadRow {
  model: string;
  id: string;
  uid: string | null;
  payload: AdapterPayload;
  consumed: number | null;
}

type Reads = Map<string, Promise<AdapterPayload | undefined>>;

/**
 * What one provider request already read, so that the provider's look-ups after a token's
 * (the same id as another kind of token, the token's grant, the session it expires with) are
 * answered by the one statement that read them together instead of a statement each. Kept for
 * one request only and forgotten at its first write, so nothing here outlives what the
 * database says: a revoked grant is seen by the very next request.
 */
const requestReads = new AsyncLocalStorage<Reads>();

/** Runs a provider request with its own read memo. */
export function withRequestReads<T>(work: () => Promise<T>): Promise<T> {
  return requestReads.run(new Map(), work);
}

/** After any write in this request, every later look-up goes to the database again. */
export function forgetRequestReads(): void {
  requestReads.getStore()?.clear();
}

const byId = (model: string, id: string) => `${model}\u0000id\u0000${id}`;
const byUid = (model: string, uid: string) => `${model}\u0000uid\u0000${uid}`;

/** The memo's answer for a look-up, when this request read it already. */
export function alreadyRead(
  model: string,
  key: { id?: string; uid?: string },
): Promise<AdapterPayload | undefined> | undefined {
  const reads = requestReads.getStore();
  if (!reads) return undefined;
  return reads.get(key.id !== undefined ? byId(model, key.id) : byUid(model, String(key.uid)));
}

/**
 * Reads a token id under every token model in one statement, with the grant and the session of
 * what it finds, and keeps all of it (and what was not found) for the rest of the request.
 * Outside a provider request it reads only the model asked for.
 */
export function readToken(sql: SqlApi, model: string, id: string): Promise<AdapterPayload | undefined> {
  const reads = requestReads.getStore();
  const all = readTogether(sql, reads ? TOKEN_MODELS : [model], id);
  if (reads) {
    for (const each of TOKEN_MODELS)
      reads.set(
        byId(each, id),
        all.then((rows) => payloadOf(rows, each)),
      );
    // The grant and session keys are known only once the token is; the provider asks for them after it.
    void all
      .then((rows) => {
        for (const token of rows.filter((row) => TOKEN_MODELS.includes(row.model))) {
          const { grantId, sessionUid } = token.payload as { grantId?: string; sessionUid?: string };
          if (grantId) reads.set(byId('Grant', grantId), Promise.resolve(payloadOf(rows, 'Grant')));
          if (sessionUid) reads.set(byUid('Session', sessionUid), Promise.resolve(payloadOf(rows, 'Session')));
        }
      })
      .catch(() => undefined);
  }
  return all.then((rows) => payloadOf(rows, model));
}

async function readTogether(sql: SqlApi, models: string[], id: string): Promise<ReadRow[]> {
  const live = '(a.expires_at is null or a.expires_at > now())';
  const columns = 'a.model, a.id, a.uid, a.payload, extract(epoch from a.consumed_at)::bigint as consumed';
  const { rows } = await sql.query<ReadRow>(
    `with token as (select * from oidc_artifact a where a.model = any($1::text[]) and a.id = $2 and ${live})
     select ${columns} from token a
     union all
     select ${columns} from oidc_artifact a join token t on a.model = 'Grant' and a.id = t.grant_id where ${live}
     union all
     select ${columns} from oidc_artifact a join token t on a.model = 'Session' and a.uid = t.payload->>'sessionUid'
     where a.uid is not null and ${live}`,
    [models, id],
  );
  return rows;
}

function payloadOf(rows: ReadRow[], model: string): AdapterPayload | undefined {
  const row = rows.find((each) => each.model === model);
  if (!row) return undefined;
  return row.consumed === null ? row.payload : { ...row.payload, consumed: Number(row.consumed) };
}
