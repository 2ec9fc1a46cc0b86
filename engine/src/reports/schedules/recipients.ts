import { type Principal, recordAudit } from '../../access/index.ts';
import type { Sql } from '../../data/index.ts';
import type { ErrorDetail } from '../../errors.ts';
import type { ScheduleRecipients } from './store.ts';

/** An email address, as one pattern both JavaScript and PostgreSQL's regular expressions read alike. */
const EMAIL_PATTERN = '^[^\\s@<>(),;:"[\\]]+@[^\\s@<>(),;:"[\\]]+\\.[^\\s@<>(),;:"[\\]]+$';
const EMAIL = new RegExp(EMAIL_PATTERN);

/**
 * Where a staff member receives mail, in SQL over `kiban_principal p` and `kiban_profile f`:
 * the email in their profile, else a username that is an email address. Its two parameters
 * are `EMAIL_PATTERN`; SQL decides it so a search can filter and limit on it.
 */
const REACHABLE_ADDRESS = `case when f.data->>'email' ~ ? then f.data->>'email' when p.username ~ ? then p.username end`;
const REACHABLE_ADDRESS_PARAMS = [EMAIL_PATTERN, EMAIL_PATTERN];

interface StaffAddress {
  id: string;
  address: string | null;
  usable: boolean;
}

/**
 * Where each staff member receives mail. Only enabled staff are usable: a resident or a
 * disabled account never receives a staff report.
 */
async function staffAddresses(sql: Sql, ids: readonly string[]): Promise<Map<string, StaffAddress>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; kind: string; disabled: boolean; address: string | null }>(
    `select p.id::text as id, p.kind, p.disabled, ${REACHABLE_ADDRESS} as address
       from kiban_principal p left join kiban_profile f on f.principal_id = p.id
      where p.id::text = any(array[?]::text[])`,
    [...REACHABLE_ADDRESS_PARAMS, ids],
  );
  return new Map(
    rows.map(({ id, kind, disabled, address }) => [
      id,
      { id, address, usable: kind === 'staff' && !disabled && address !== null },
    ]),
  );
}

/** Problems with the recipients a schedule is created with, located by JSON pointer. */
export async function recipientProblems(sql: Sql, recipients: ScheduleRecipients): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  if (recipients.staff.length + recipients.addresses.length === 0) {
    problems.push({
      pointer: '/recipients',
      code: 'reportSchedule.noRecipients',
      message: { ja: '送信先を 1 件以上指定してください。', en: 'Give at least one recipient.' },
    });
  }
  const found = await staffAddresses(sql, recipients.staff);
  for (const [i, id] of recipients.staff.entries()) {
    const staff = found.get(id);
    if (!staff?.usable) {
      problems.push({
        pointer: `/recipients/staff/${i}`,
        code: staff?.address === null ? 'reportSchedule.staffWithoutEmail' : 'reportSchedule.notStaff',
        message:
          staff && staff.address === null
            ? { ja: 'この職員にはメールアドレスがありません。', en: 'This staff member has no email address.' }
            : { ja: '有効な職員ではありません。', en: 'This is not an active staff member.' },
      });
    }
  }
  for (const [i, address] of recipients.addresses.entries()) {
    if (!EMAIL.test(address)) {
      problems.push({
        pointer: `/recipients/addresses/${i}`,
        code: 'reportSchedule.badAddress',
        message: { ja: 'メールアドレスの形式ではありません。', en: 'This is not an email address.' },
      });
    }
  }
  return problems;
}

/** The addresses a delivery goes to now: staff who left or lost their address since drop out. */
export async function resolveRecipients(sql: Sql, recipients: ScheduleRecipients): Promise<string[]> {
  const found = await staffAddresses(sql, recipients.staff);
  const staff = recipients.staff.flatMap((id) => {
    const entry = found.get(id);
    return entry?.usable && entry.address ? [entry.address] : [];
  });
  return [...new Set([...staff, ...recipients.addresses].map((address) => address.toLowerCase()))];
}

/** A colleague a schedule can be sent to. */
export interface Colleague {
  id: string;
  name: string;
  department: string | null;
}

const COLLEAGUE_LIMIT = 20;

/**
 * Enabled staff who can receive a report (an email address in their profile or as their
 * username) whose name or department contains `query`, for the recipient picker: names and
 * departments only, never the addresses. Staff names are personal data, so each search is
 * audited with how many were listed (not what was typed).
 */
export async function findColleagues(sql: Sql, principal: Principal, query: string): Promise<Colleague[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const reachable = await sql.query<Colleague>(
    `select p.id::text as id, coalesce(nullif(p.display_name, ''), p.username) as name, p.department
       from kiban_principal p left join kiban_profile f on f.principal_id = p.id
      where p.kind = 'staff' and not p.disabled and ${REACHABLE_ADDRESS} is not null
        and (coalesce(nullif(p.display_name, ''), p.username) ilike ? or coalesce(p.department, '') ilike ?)
      order by name, p.id limit ?`,
    [...REACHABLE_ADDRESS_PARAMS, pattern, pattern, COLLEAGUE_LIMIT],
  );
  await recordAudit(sql, {
    principal,
    action: 'report.schedule.colleagues',
    detail: { listed: reachable.length },
  });
  return reachable;
}
