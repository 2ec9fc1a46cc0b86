import ExcelJS from 'exceljs';
import type { ExportCell, ExportTable } from './export-table.ts';

/** RFC 4180 CSV with a byte order mark, so that spreadsheet software reads the Japanese as UTF-8. */
export function toCsv(table: ExportTable): string {
  const lines = [
    ...table.conditions.map((pair) => pair.map(csvCell).join(',')),
    '',
    table.header.map(csvCell).join(','),
    ...table.rows.map((row) => row.map(csvCell).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(value: ExportCell): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would be a formula to spreadsheet software; a quote makes it text.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One sheet: the conditions above the table, the header bold, numbers as numbers. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/*?:[\]]/g, ' ') || 'report');
  for (const [name, value] of table.conditions) sheet.addRow([name, value]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
