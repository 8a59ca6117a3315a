// Territory workbooks in Apps Script: SpreadsheetApp for the files, DriveApp for the folder and the changed-since query.
import type { BookChange, BookStore, Workbook } from '../../core/ports';
import type { SheetSpec } from '../../core/sheets/spec';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';

export const BOOKS_FOLDER = { key: 'EBPPK_BOOKS_FOLDER', name: 'ЕБППК — книги территорий' } as const;
export const CABINETS_FOLDER = { key: 'EBPPK_CABINETS_FOLDER', name: 'ЕБППК — кабинеты подразделений' } as const;

/** Workbooks in one Drive folder of the owner's (territory workbooks, or the subdivisions' cabinets). */
export class DriveBookStore implements BookStore {
  private folderId: string | null = null;

  constructor(private readonly where: { readonly key: string; readonly name: string } = BOOKS_FOLDER) {}

  private folder(create: boolean): string | null {
    if (this.folderId) return this.folderId;
    const props = PropertiesService.getScriptProperties();
    let id = props.getProperty(this.where.key);
    if (!id && create) {
      id = DriveApp.createFolder(this.where.name).getId();
      props.setProperty(this.where.key, id);
    }
    this.folderId = id;
    return id;
  }

  create(name: string, sheets: readonly SheetSpec[]): Workbook {
    const ss = SpreadsheetApp.create(name);
    const folderId = this.folder(true) as string;
    DriveApp.getFileById(ss.getId()).moveTo(DriveApp.getFolderById(folderId));
    const defaults = ss.getSheets();
    const book = new SpreadsheetWorkbook(ss, { strictProtection: true });
    sheets.forEach((spec) => book.ensure(spec));
    defaults.forEach((s) => ss.deleteSheet(s));
    return book;
  }

  copy(templateId: string, name: string, sheets: readonly SheetSpec[]): Workbook {
    const folder = DriveApp.getFolderById(this.folder(true) as string);
    const id = DriveApp.getFileById(templateId).makeCopy(name, folder).getId();
    const ss = SpreadsheetApp.openById(id);
    const book = new SpreadsheetWorkbook(ss, { strictProtection: true });
    sheets.forEach((spec) => book.ensure(spec));
    return book;
  }

  open(id: string, headers?: readonly SheetSpec[]): Workbook {
    return new SpreadsheetWorkbook(SpreadsheetApp.openById(id), { strictProtection: true, headers });
  }

  owner(): string {
    return Session.getEffectiveUser().getEmail().toLowerCase();
  }

  editors(id: string): string[] {
    const owner = this.owner();
    return SpreadsheetApp.openById(id)
      .getEditors()
      .map((u) => u.getEmail().toLowerCase())
      .filter((e) => e && e !== owner);
  }

  share(id: string, add: readonly string[], remove: readonly string[]): void {
    const ss = SpreadsheetApp.openById(id);
    if (add.length) ss.addEditors(add.slice());
    remove.forEach((e) => ss.removeEditor(e));
  }

  changedSince(since: number | null): BookChange[] {
    const folderId = this.folder(false);
    if (!folderId) return [];
    let q = `'${folderId}' in parents and trashed = false`;
    if (since !== null) q += ` and modifiedDate > '${new Date(since).toISOString()}'`;
    const it = DriveApp.searchFiles(q);
    const out: BookChange[] = [];
    while (it.hasNext()) {
      const f = it.next();
      out.push({ id: f.getId(), modified: f.getLastUpdated().getTime() });
    }
    return out;
  }
}

export const mailAppMailer = {
  remaining: (): number => MailApp.getRemainingDailyQuota(),
  send: (to: string, subject: string, body: string): void => MailApp.sendEmail({ to, subject, body, name: 'ЕБППК ИРО ПК' }),
};
