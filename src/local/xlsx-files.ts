// The local bank's files: each MemoryWorkbook saved as one .xlsx (exceljs), written atomically (temp file + rename).

import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import type { Cell } from '../core/sheets/spec';
import { fromZoneWallClock } from './zones';

/** Files of the bank (teachers' personal data) are the running account's only; their folders likewise. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

export const writeAtomic = async (file: string, write: (tmp: string) => Promise<void>): Promise<void> => {
  const tmp = `${file}.${process.pid}.tmp`;
  await write(tmp);
  // Teachers' personal data: readable by the account that runs the bank only.
  fs.chmodSync(tmp, PRIVATE_FILE);
  // rename() replaces the old file in one step: a reader (or a restart after a kill) sees the old or the new file, never half.
  fs.renameSync(tmp, file);
};

/** Writes the workbook to `file` directly (callers write to a temporary name and commit it). */
export const saveWorkbook = async (wb: MemoryWorkbook, file: string): Promise<void> => {
  const x = new ExcelJS.Workbook();
  x.creator = 'ЕБППК (локальный банк)';
  for (const [name, grid] of wb.grids) {
    const ws = x.addWorksheet(name.slice(0, 31));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    grid.rows.forEach((r) => ws.addRow(r.map((v) => (v === '' ? null : v))));
    if (ws.getRow(1)) ws.getRow(1).font = { bold: true };
  }
  await x.xlsx.writeFile(file);
  fs.chmodSync(file, PRIVATE_FILE);
};

const COMMIT = 'commit.json';

/**
 * Replaces several files as one step: every new file is written under a temporary name, then a commit record
 * (itself written atomically) lists the renames, then they happen. A process killed before the record keeps the
 * old files; killed after it, `recover` finishes the renames at the next start. Files never disagree.
 */
export const commitFiles = async (dir: string, writes: Array<{ file: string; write: (tmp: string) => Promise<void> }>): Promise<void> => {
  // An earlier commit whose renames failed (a file held open by another program) is finished first: writing a new record
  // over it would drop its pending renames. If it still cannot finish, this commit fails too and nothing is overwritten.
  const record = path.join(dir, COMMIT);
  if (fs.existsSync(record)) finish(dir, JSON.parse(fs.readFileSync(record, 'utf8')) as Array<[string, string]>);
  const pairs: Array<[string, string]> = [];
  for (const w of writes) {
    const tmp = `${w.file}.next`;
    await w.write(tmp);
    fs.chmodSync(tmp, PRIVATE_FILE);
    pairs.push([tmp, w.file]);
  }
  await writeAtomic(path.join(dir, COMMIT), async (tmp) => fs.writeFileSync(tmp, JSON.stringify(pairs)));
  finish(dir, pairs);
};

const finish = (dir: string, pairs: Array<[string, string]>): void => {
  for (const [tmp, file] of pairs) if (fs.existsSync(tmp)) fs.renameSync(tmp, file);
  fs.rmSync(path.join(dir, COMMIT), { force: true });
};

/** At start: completes a commit a kill interrupted, and drops temporary files of one that never committed. */
export const recover = (dir: string): void => {
  const record = path.join(dir, COMMIT);
  if (fs.existsSync(record)) finish(dir, JSON.parse(fs.readFileSync(record, 'utf8')) as Array<[string, string]>);
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.next') || f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
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

/**
 * `timeZone`: the file is Google's export (a backup), its dates serial numbers in that zone; without it, a file this
 * bank wrote (exceljs writes and reads an instant as its UTC wall clock, so its own files need nothing).
 */
export const loadWorkbook = async (file: string, id: string, timeZone?: string): Promise<MemoryWorkbook> => {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  const wb = new MemoryWorkbook(id);
  const read = (v: unknown): Cell => {
    const c = cellValue(v);
    return timeZone && c instanceof Date ? fromZoneWallClock(c, timeZone) : c;
  };
  x.eachSheet((ws) => {
    const rows: Cell[][] = [];
    const width = ws.columnCount;
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const values = row.values as unknown[];
      const out: Cell[] = [];
      for (let c = 1; c <= width; c++) out.push(read(values[c]));
      while (rows.length < n - 1) rows.push([]);
      rows.push(out);
    });
    wb.load(ws.name, rows);
  });
  return wb;
};

export const ensureDir = (dir: string): void => {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
};

export const fileOf = (dir: string, id: string): string => path.join(dir, `${id}.xlsx`);
