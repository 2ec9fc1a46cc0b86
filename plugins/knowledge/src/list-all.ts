import type { Filter, PluginContext, RecordData } from '@kiban/sdk';

const PAGE = 200;

/** Every record of `entity` matching `filter`, as the plugin, a page at a time. */
export async function listAll(
  ctx: PluginContext,
  entity: string,
  filter?: Filter,
  sort = 'createdAt,id',
): Promise<RecordData[]> {
  const data = ctx.data({ kind: 'system' });
  const out: RecordData[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await data.list(entity, { filter, sort, limit: PAGE, offset });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}
