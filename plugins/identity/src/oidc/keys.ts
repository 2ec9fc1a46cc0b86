import type { SqlApi } from '@kiban/sdk';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { seal, unseal } from '../secrets.ts';

const ALGORITHM = 'RS256';

/** The published signing keys, the newest (the one that signs) first, and a version that changes with them. */
export interface SigningKeys {
  version: string;
  keys: JWK[];
}

/** The keys not retired; creates the first one when there is none. */
export async function signingKeys(sql: SqlApi, sealingKey: Buffer): Promise<SigningKeys> {
  let rows = await liveKeys(sql);
  if (rows.length === 0) {
    await insertKey(sql, sealingKey, 'where not exists (select 1 from signing_key where retired_at is null)');
    rows = await liveKeys(sql);
  }
  return {
    version: rows.map((row) => row.kid).join(','),
    keys: rows.map((row) => JSON.parse(unseal(sealingKey, row.sealed_jwk)) as JWK),
  };
}

/**
 * Rotation: a new key signs from now on; the one before stays published so that tokens it
 * signed still verify until they expire; older ones are retired (left out of the JWKS).
 */
export async function rotateSigningKey(sql: SqlApi, sealingKey: Buffer): Promise<{ kid: string; retired: string[] }> {
  const kid = await insertKey(sql, sealingKey, '');
  const { rows } = await sql.query<{ kid: string }>(
    `update signing_key set retired_at = now()
     where retired_at is null and kid not in (
       select kid from signing_key where retired_at is null order by created_at desc limit 2)
     returning kid`,
  );
  return { kid, retired: rows.map((row) => row.kid) };
}

async function insertKey(sql: SqlApi, sealingKey: Buffer, condition: string): Promise<string> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = crypto.randomUUID();
  await sql.query(`insert into signing_key (kid, sealed_jwk) select $1, $2 ${condition}`, [
    kid,
    seal(sealingKey, JSON.stringify({ ...jwk, kid, alg: ALGORITHM, use: 'sig' })),
  ]);
  return kid;
}

function liveKeys(sql: SqlApi) {
  return sql
    .query<{ kid: string; sealed_jwk: string }>(
      'select kid, sealed_jwk from signing_key where retired_at is null order by created_at desc',
    )
    .then((result) => result.rows);
}
