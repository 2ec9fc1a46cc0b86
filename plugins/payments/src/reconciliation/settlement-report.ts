/**
 * KOMOJU's settlement report: the CSV (one line per capture, refund, chargeback or
 * correction) a merchant downloads from the Settlements page, in the column format KOMOJU
 * published for files from 3 June 2025. Columns are found by their header, so a file with
 * more columns, or in another order, reads the same. Amounts are in yen; a refund's is
 * negative. The sandbox provider writes its report with `writeSettlementReport`.
 */
export const SETTLEMENT_COLUMNS = [
  'Type',
  'Payment External Order#',
  'Payment UUID',
  'Timestamp',
  'Payment Method',
  'Currency',
  'Description',
  'Transaction UUID',
  'Clearing UUID',
  'Processing Currency',
  'Transaction Amount',
  'Fee Amount',
  'Fee Tax Amount',
  'Remittance Currency',
  'Exchange Rate',
  'Settlement Amount',
  'Transfer Date',
] as const;

const REQUIRED = ['Type', 'Payment External Order#', 'Payment UUID', 'Transaction UUID', 'Transaction Amount'];

export interface SettlementLine {
  type: 'Capture' | 'Refund' | 'Chargeback' | 'Correction';
  orderId: string;
  paymentId: string;
  transactionId: string;
  amountYen: number;
  /** 1-based line number in the file, for the mismatch list. */
  line: number;
}

export class SettlementReportError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'SettlementReportError';
    this.line = line;
  }
}

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes. */
function records(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((cell) => cell.trim() !== ''));
}

const TYPES = new Set(['Capture', 'Refund', 'Chargeback', 'Correction']);

export function parseSettlementReport(text: string): SettlementLine[] {
  const [header, ...rows] = records(text.replace(/^\uFEFF/, ''));
  if (!header) throw new SettlementReportError('the report is empty', 1);
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  for (const name of REQUIRED) {
    if (!index.has(name)) throw new SettlementReportError(`the column "${name}" is missing`, 1);
  }
  const at = (row: string[], name: string) => (row[index.get(name) ?? -1] ?? '').trim();
  return rows.map((row, i) => {
    const line = i + 2;
    const type = at(row, 'Type');
    const amount = Number(at(row, 'Transaction Amount').replaceAll(',', ''));
    if (!TYPES.has(type)) throw new SettlementReportError(`unknown type "${type.slice(0, 40)}"`, line);
    if (!Number.isInteger(amount)) throw new SettlementReportError('the amount is not a whole number of yen', line);
    return {
      type: type as SettlementLine['type'],
      orderId: at(row, 'Payment External Order#'),
      paymentId: at(row, 'Payment UUID'),
      transactionId: at(row, 'Transaction UUID'),
      amountYen: amount,
      line,
    };
  });
}

/** The report as KOMOJU lays it out, for the sandbox provider. */
export function writeSettlementReport(
  rows: Array<Partial<Record<(typeof SETTLEMENT_COLUMNS)[number], string>>>,
): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [
    SETTLEMENT_COLUMNS.join(','),
    ...rows.map((row) => SETTLEMENT_COLUMNS.map((c) => field(row[c] ?? '')).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
