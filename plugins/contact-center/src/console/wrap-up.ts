import type { PluginContext } from '@kiban/sdk';
import { contactCenterError } from '../errors.ts';
import type { Principal } from '../roles.ts';

interface WrapUpRow {
  code: string;
  label: { ja: string; en?: string };
  active: boolean;
  position: number;
}

export interface WrapUp {
  code: string;
  note?: string;
}

const view = (row: WrapUpRow) => ({ code: row.code, label: row.label, active: row.active, position: row.position });

/** The codes an operator chooses from when closing (the active ones), or all of them for supervisors. */
export async function listWrapUpCodes(ctx: PluginContext, includeRetired = false) {
  const { rows } = await ctx.sql.query<WrapUpRow>(
    `select * from wrap_up_code ${includeRetired ? '' : 'where active'} order by position, code`,
  );
  return rows.map(view);
}

export async function saveWrapUpCode(
  ctx: PluginContext,
  by: Principal,
  input: { code: string; label: { ja: string; en?: string }; active?: boolean; position?: number },
) {
  const { rows } = await ctx.sql.query<WrapUpRow>(
    `insert into wrap_up_code (code, label, active, position) values ($1, $2, $3, $4)
     on conflict (code) do update set label = excluded.label, active = excluded.active, position = excluded.position
     returning *`,
    [input.code, JSON.stringify(input.label), input.active ?? true, input.position ?? 0],
  );
  const saved = rows[0];
  if (!saved) throw new Error('the wrap-up code was not stored');
  await ctx.audit({
    actor: by,
    action: 'contact-center.saveWrapUpCode',
    details: { code: saved.code, active: saved.active },
  });
  return view(saved);
}

/**
 * Refuses a close by staff without an active wrap-up code (422, located at `/wrapUp`): every
 * conversation an operator ends is counted under what came of it.
 */
export async function requireWrapUp(ctx: PluginContext, wrapUp: WrapUp | undefined): Promise<WrapUp> {
  const code = wrapUp?.code;
  const { rows } = code
    ? await ctx.sql.query('select 1 from wrap_up_code where code = $1 and active', [code])
    : { rows: [] };
  if (wrapUp && rows.length > 0) return wrapUp;
  throw contactCenterError(
    'wrapUpRequired',
    422,
    '対応結果（ラップアップ）を選んでください。',
    'Choose a wrap-up code.',
    [
      {
        pointer: '/wrapUp/code',
        code: 'contact-center.wrapUpRequired',
        message: code
          ? { ja: `「${code}」は使えません`, en: `"${code}" is not an active wrap-up code` }
          : { ja: '必須です', en: 'Required' },
      },
    ],
  );
}
