import type { Sql } from '../../data/index.ts';
import type { ErrorDetail } from '../../errors.ts';
import type { ScheduleRecipients } from './store.ts';

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

interface StaffAddress {
  id: string;
  address: string | null;
  usable: boolean;
}

/**
 * Where each staff member receives mail: the email in their profile, else a username that is
 * an email address. Only enabled staff are usable: a resident or a disabled account never
 * receives a staff report.
 */
async function staffAddresses(sql: Sql, ids: readonly string[]): Promise<Map<string, StaffAddress>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; kind: string; disabled: boolean; username: string; email: string | null }>(
    `select p.id::text as id, p.kind, p.disabled, p.username, f.data->>'email' as email
       from kiban_principal p left join kiban_profile f on f.principal_id = p.id
      where p.id::text = any(array[?]::text[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => {
      const address = row.email && EMAIL.test(row.email) ? row.email : EMAIL.test(row.username) ? row.username : null;
      return [row.id, { id: row.id, address, usable: row.kind === 'staff' && !row.disabled && address !== null }];
    }),
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
