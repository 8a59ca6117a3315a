// The local bank's files: each MemoryWorkbook saved as one .xlsx (exceljs), written atomically (temp file + rename).
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import type { Cell } from '../core/sheets/spec';

export const writeAtomic = async (file: string, write: (tmp: string) => Promise<void>): Promise<void> => {
  const tmp = `${file}.${process.pid}.tmp`;
  await write(tmp);
  // rename() replaces the old file in one step: a reader (or a restart after a kill) sees the old or the new file, never half.
  fs.renameSync(tmp, file);
};

export const saveWorkbook = async (wb: MemoryWorkbook, file: string): Promise<void> => {
  const x = new ExcelJS.Workbook();
  x.creator = 'ЕБППК (локальный банк)';
  for (const [name, grid] of wb.grids) {
    const ws = x.addWorksheet(name.slice(0, 31));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    grid.rows.forEach((r) => ws.addRow(r.map((v) => (v === '' ? null : v))));
    if (ws.getRow(1)) ws.getRow(1).font = { bold: true };
  }
  await writeAtomic(file, (tmp) => x.xlsx.writeFile(tmp));
};

const cellValue = (v: unknown): Cell => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: Array<{ text: string }> };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellValue(o.result);
    return '';
  }
  return v as Cell;
};

export const loadWorkbook = async (file: string, id: string): Promise<MemoryWorkbook> => {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  const wb = new MemoryWorkbook(id);
  x.eachSheet((ws) => {
    const rows: Cell[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as unknown[];
      const out: Cell[] = [];
      for (let c = 1; c <= width; c++) out.push(cellValue(values[c]));
      while (rows.length < n - 1) rows.push([]);
      rows.push(out);
    });
    wb.load(ws.name, rows);
  });
  return wb;
};

export const ensureDir = (dir: string): void => {
  fs.mkdirSync(dir, { recursive: true });
};

export const fileOf = (dir: string, id: string): string => path.join(dir, `${id}.xlsx`);
