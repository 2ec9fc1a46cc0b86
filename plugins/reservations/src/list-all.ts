import type { DataApi, ListOptions, RecordData } from '@kiban/sdk';

/** The data API's largest page. */
const PAGE_SIZE = 200;

/** Every record matching `options`, page by page. */
export async function listAll(data: DataApi, entity: string, options: ListOptions = {}): Promise<RecordData[]> {
  const all: RecordData[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await data.list(entity, { ...options, limit: PAGE_SIZE, offset });
    all.push(...page);
    if (page.length < PAGE_SIZE) return all;
  }
}

/** The records with these ids, by id; ids the actor may not read are simply absent. */
export async function recordsById(data: DataApi, entity: string, ids: string[]): Promise<Map<string, RecordData>> {
  const wanted = [...new Set(ids)];
  const found = new Map<string, RecordData>();
  for (let start = 0; start < wanted.length; start += PAGE_SIZE) {
    const chunk = wanted.slice(start, start + PAGE_SIZE);
    const page = await data.list(entity, { filter: { id: { in: chunk } }, limit: PAGE_SIZE });
    for (const record of page) found.set(String(record.id), record);
  }
  return found;
}
