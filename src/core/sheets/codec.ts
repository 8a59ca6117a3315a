// Maps a sheet's rows to records by header name and back, and reports a broken header in Russian.
import type { Cell, ColumnSpec, Row, SheetSpec } from './spec';

/** A sheet's structure no longer matches the bank's declaration; no data was touched. */
export class SheetStructureError extends Error {
  constructor(
    readonly sheetName: string,
    readonly missing: readonly string[],
  ) {
    super(
      `На листе «${sheetName}» нет ${missing.length > 1 ? 'столбцов' : 'столбца'} ${missing.map((h) => `«${h}»`).join(', ')}. ` +
        `Восстановите ${missing.length > 1 ? 'столбцы' : 'столбец'} ${missing.map((h) => `«${h}»`).join(', ')} на листе «${sheetName}» ` +
        `или выполните «ЕБППК → Настроить банк». Данные не изменены.`,
    );
    this.name = 'SheetStructureError';
  }
}

export class MissingSheetError extends Error {
  constructor(readonly sheetName: string) {
    super(`Нет листа «${sheetName}». Выполните «ЕБППК → Настроить банк»: лист будет создан, данные не изменятся.`);
    this.name = 'MissingSheetError';
  }
}

/** Column key → 0-based position in the sheet, found by header text. */
export type HeaderMap = ReadonlyMap<string, number>;

export const mapHeaders = (spec: SheetSpec, header: readonly Cell[]): HeaderMap => {
  const byText = new Map<string, number>();
  header.forEach((h, i) => {
    const text = String(h).trim();
    if (text && !byText.has(text)) byText.set(text, i);
  });
  const map = new Map<string, number>();
  const missing: string[] = [];
  for (const c of spec.columns) {
    const i = byText.get(c.header);
    if (i === undefined) missing.push(c.header);
    else map.set(c.key, i);
  }
  if (missing.length) throw new SheetStructureError(spec.name, missing);
  return map;
};

const toDate = (v: Cell): Date | '' => {
  // A Date from another realm (the tests' vm running Code.js) fails instanceof: copy it into ours.
  if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as Date).getTime());
  if (typeof v === 'string' && v.trim()) {
    // As a sheet shows it (and the Sheets API returns it): dd.mm.yyyy, optionally with the time.
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v.trim());
    if (m) return new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return '';
};

/** Coerces a raw cell to what its column declares: text stays text, a number a number, a date a Date. */
export const decodeCell = (c: ColumnSpec, v: Cell | undefined): Cell => {
  if (v === undefined || v === null) return c.type === 'checkbox' ? false : '';
  switch (c.type) {
    case 'checkbox':
      return v === true || v === 'TRUE';
    case 'number':
      if (typeof v === 'number') return v;
      return typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v.replace(',', '.'))) ? Number(v.replace(',', '.')) : v === '' ? '' : String(v);
    case 'date':
    case 'datetime':
      return toDate(v);
    case 'choice':
      if (c.labels && typeof v === 'string') {
        const t = v.trim();
        for (const [code, label] of Object.entries(c.labels)) if (label === t) return code;
      }
      return typeof v === 'string' ? v : String(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
};

export const decodeRow = (spec: SheetSpec, map: HeaderMap, raw: readonly Cell[]): Row => {
  const row: Row = {};
  for (const c of spec.columns) row[c.key] = decodeCell(c, raw[map.get(c.key) as number]);
  return row;
};

/** Lays a record out over `width` cells; positions outside the declared columns keep `base` (or ''). */
export const encodeRow = (spec: SheetSpec, map: HeaderMap, row: Partial<Row>, width: number, base?: readonly Cell[]): Cell[] => {
  const out: Cell[] = [];
  for (let i = 0; i < width; i++) out.push(base && base[i] !== undefined ? base[i] : '');
  for (const c of spec.columns) {
    if (!(c.key in row)) continue;
    const v = row[c.key];
    out[map.get(c.key) as number] = v === undefined || v === null ? '' : c.labels && typeof v === 'string' && c.labels[v] ? c.labels[v] : v;
  }
  return out;
};

/** The number format a column's cells carry: '@' (plain text) keeps user text from being parsed as a formula or number. */
export const numberFormatOf = (c: ColumnSpec | undefined): string => {
  if (!c) return '@';
  switch (c.type) {
    case 'date':
      return 'dd.mm.yyyy';
    case 'datetime':
      return 'dd.mm.yyyy hh:mm';
    case 'number':
    case 'checkbox':
      return '0';
    default:
      return '@';
  }
};
