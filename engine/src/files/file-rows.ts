import type { Sql } from '../data/index.ts';
import type { FileValue } from '../records/index.ts';

/** Where a file belongs. */
export interface FileOwner {
  entity: string;
  recordId: string;
  field: string;
}

export async function insertPendingFile(sql: Sql, file: FileValue, owner: FileOwner, createdBy: string | null) {
  await sql.run(
    `insert into kiban_file (id, entity, record_id, field, name, content_type, size, sha256, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      file.id,
      owner.entity,
      owner.recordId,
      owner.field,
      file.name,
      file.contentType,
      file.size,
      file.sha256,
      createdBy,
    ],
  );
}

/** In the record write's transaction: the new file becomes the field's, the one it replaces goes to the sweeper. */
export async function markStored(sql: Sql, fileId: string, replaced: string | null): Promise<void> {
  await sql.run("update kiban_file set status = 'stored', changed_at = clock_timestamp() where id = ?", [fileId]);
  if (replaced !== null) await markDeleted(sql, 'id = ?', [replaced]);
}

export async function markDeleted(sql: Sql, where: string, params: unknown[]): Promise<number> {
  return sql.run(
    `update kiban_file set status = 'deleted', changed_at = clock_timestamp() where status <> 'deleted' and ${where}`,
    params,
  );
}

/** A stored file, optionally only when it belongs where the caller found it. */
export async function storedFile(sql: Sql, fileId: string, owner?: FileOwner): Promise<FileValue | null> {
  const ownerCondition = owner ? 'and entity = ? and record_id = ? and field = ?' : '';
  const [row] = await sql.query<{ id: string; name: string; content_type: string; size: string; sha256: string }>(
    `select id, name, content_type, size::text as size, sha256 from kiban_file
      where id = ? and status = 'stored' ${ownerCondition}`,
    owner ? [fileId, owner.entity, owner.recordId, owner.field] : [fileId],
  );
  if (!row) return null;
  return { id: row.id, name: row.name, contentType: row.content_type, size: Number(row.size), sha256: row.sha256 };
}

/** Files whose bytes are to go: deleted ones, and pending ones an engine stopped uploading long ago. */
export async function sweepable(sql: Sql, limit: number): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `select id from kiban_file
      where status = 'deleted' or (status = 'pending' and changed_at < clock_timestamp() - interval '1 hour')
      order by changed_at limit ${Math.trunc(limit)}`,
  );
  return rows.map((row) => row.id);
}

export async function forget(sql: Sql, fileId: string): Promise<void> {
  await sql.run("delete from kiban_file where id = ? and status <> 'stored'", [fileId]);
}
