// The bank as Google's APIs see it: a workbook read whole in two requests (its sheet titles, then one values:batchGet),
// laid into a MemoryWorkbook so the core's own use cases run on it unchanged; the list of the bank's files from the
// master; and a BookStore over what was fetched, whose `share` only records (the caller applies the plan through Drive).
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import type { BookChange, BookStore, Workbook } from '../core/ports';
import { CABINETS, SETTINGS, TERRITORIES } from '../core/sheets/master';
import type { Cell, SheetSpec } from '../core/sheets/spec';
import { CliError } from './config';
import type { Google } from './google';

/** A sheet name as an A1 range: quoted, quotes doubled. */
export const a1Sheet = (title: string): string => `'${title.replace(/'/g, "''")}'`;

/**
 * Reads a workbook: one `spreadsheets.get` for the titles, one `values.batchGet` for the sheets wanted (all when
 * `only` is omitted). Numbers and booleans come typed, dates as their displayed text (dd.mm.yyyy), which the codec reads.
 */
export const readWorkbook = async (
  g: Google,
  id: string,
  only?: readonly SheetSpec[],
): Promise<{ workbook: MemoryWorkbook; title: string; timeZone: string }> => {
  const meta = await g.call('sheets', `чтение таблицы ${id}`, () =>
    g.sheets.spreadsheets.get({ spreadsheetId: id, fields: 'properties.title,properties.timeZone,sheets.properties.title' }),
  );
  const titles = (meta.sheets ?? []).map((s) => String(s.properties?.title ?? ''));
  const wanted = only ? titles.filter((t) => only.some((s) => s.name === t)) : titles;
  const wb = new MemoryWorkbook(id);
  if (wanted.length) {
    const data = await g.call('sheets', `чтение таблицы «${meta.properties?.title ?? id}»`, () =>
      g.sheets.spreadsheets.values.batchGet({
        spreadsheetId: id,
        ranges: wanted.map(a1Sheet),
        majorDimension: 'ROWS',
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'FORMATTED_STRING',
      }),
    );
    (data.valueRanges ?? []).forEach((vr, i) => {
      const rows = (vr.values ?? []) as Cell[][];
      const width = Math.max(0, ...rows.map((r) => r.length));
      // The API leaves out trailing blanks; the grid wants rectangles.
      wb.load(
        wanted[i],
        rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === undefined || r[j] === null ? '' : r[j]))),
      );
    });
  }
  // The bank's spreadsheets are set to Perm's zone; an answer without one is read so.
  return { workbook: wb, title: String(meta.properties?.title ?? id), timeZone: String(meta.properties?.timeZone || 'Asia/Yekaterinburg') };
};

export type FileRole = 'master' | 'territory' | 'cabinet' | 'archive';

export interface BankFile {
  readonly role: FileRole;
  readonly id: string;
  /** What staff call it: «мастер-таблица», «книга территории «Пермь»»… */
  readonly label: string;
  /** The territory's code or the subdivision (empty for the master). */
  readonly scope: string;
  /** The bound script's id (cabinets that have recorded it). */
  readonly scriptId?: string;
}

/** Every file of the bank, from the master's «Территории», «Кабинеты» and «Настройки» (yearly archives). */
export const bankFiles = (master: Workbook): BankFile[] => {
  const files: BankFile[] = [{ role: 'master', id: master.id, label: 'мастер-таблица', scope: '' }];
  if (master.has(TERRITORIES))
    for (const t of master.table(TERRITORIES).read())
      if (t.workbookId) files.push({ role: 'territory', id: String(t.workbookId), label: `книга территории «${t.name}»`, scope: String(t.code) });
  if (master.has(CABINETS))
    for (const c of master.table(CABINETS).read())
      if (c.spreadsheetId)
        files.push({
          role: 'cabinet',
          id: String(c.spreadsheetId),
          label: `кабинет «${c.subdivision}»`,
          scope: String(c.subdivision),
          ...(c.scriptId ? { scriptId: String(c.scriptId) } : {}),
        });
  if (master.has(SETTINGS))
    for (const s of master.table(SETTINGS).read()) {
      const y = /^archive\.(\d{4})$/.exec(String(s.key));
      if (y && s.value) files.push({ role: 'archive', id: String(s.value), label: `архив ${y[1]} года`, scope: y[1] });
    }
  return files;
};

/** Who the tool runs as: one `about.get`. */
export const whoAmI = async (g: Google): Promise<string> => {
  const about = await g.call('drive', 'учётная запись', () => g.drive.about.get({ fields: 'user(emailAddress)' }));
  return String(about.user?.emailAddress ?? '').toLowerCase();
};

/**
 * The BookStore the core's use cases get in the tool: workbooks and editors fetched beforehand, `share` recorded as a
 * plan. Creating or copying files is the owner's job in Apps Script, not the tool's.
 */
export class FetchedBookStore implements BookStore {
  readonly plan: Array<{ id: string; add: string[]; remove: string[] }> = [];
  constructor(
    private readonly ownerEmail: string,
    private readonly workbooks: ReadonlyMap<string, Workbook> = new Map(),
    private readonly editorsOf: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {}
  create(): Workbook {
    throw new CliError('Создавать книги банка может только фоновое задание владельца в Apps Script.');
  }
  copy(): Workbook {
    return this.create();
  }
  open(id: string): Workbook {
    const wb = this.workbooks.get(id);
    if (!wb) throw new CliError(`Таблица ${id} не прочитана.`);
    return wb;
  }
  owner(): string {
    return this.ownerEmail;
  }
  editors(id: string): string[] {
    return [...(this.editorsOf.get(id) ?? [])].sort();
  }
  share(id: string, add: readonly string[], remove: readonly string[]): void {
    this.plan.push({ id, add: [...add], remove: [...remove] });
  }
  changedSince(): BookChange[] {
    return [];
  }
}
