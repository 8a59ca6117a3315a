// A fake of the DriveApp methods the bank uses: folders, moving files, and searchFiles with a modifiedDate query.
import type { Calls } from './calls';
import { copySheets } from './clone';
import type { FakeSpreadsheet, FakeSpreadsheetApp } from './spreadsheet';

const NOT_FOUND = 'No item with the given ID could be found, or you do not have permission to access it.';

class FakeIterator<T> {
  private i = 0;
  constructor(
    private readonly calls: Calls,
    private readonly items: T[],
    private readonly kind: string,
  ) {}
  hasNext(): boolean {
    this.calls.hit(`${this.kind}.hasNext`);
    return this.i < this.items.length;
  }
  next(): T {
    this.calls.hit(`${this.kind}.next`);
    if (this.i >= this.items.length) throw new Error('No more items');
    return this.items[this.i++];
  }
}

export interface FakeFile {
  name: string;
  type: string;
  content: string;
  trashed: boolean;
  url: string;
  /** Whoever created it: a file belongs to the account the script ran as. */
  owner: string;
  /** Shared with (edit), besides the owner. */
  editors: string[];
  /** Shared with (view). */
  viewers: string[];
}

export class FakeFolder {
  readonly folders: FakeFolder[] = [];
  readonly files: FakeFile[] = [];
  editors: string[] = [];
  viewers: string[] = [];
  private static seq = 0;
  constructor(
    private readonly calls: Calls,
    readonly id: string,
    readonly name: string,
    readonly owner: string,
    /** Who the current execution runs as (the service's runner). */
    readonly runner: () => string,
  ) {}
  canEdit(who: string): boolean {
    return who !== '' && (who === this.owner || this.editors.includes(who));
  }
  canRead(who: string): boolean {
    return this.canEdit(who) || (who !== '' && this.viewers.includes(who));
  }
  /** Sharing (view) reaches the files inside, as Drive's inherited permissions do. */
  addViewers(emails: string[]) {
    this.calls.hit('Folder.addViewers');
    this.requireEditor();
    for (const e of emails) if (!this.viewers.includes(e)) this.viewers.push(e);
    for (const f of this.files) for (const e of emails) if (!f.viewers.includes(e)) f.viewers.push(e);
    return this;
  }
  private requireEditor(): void {
    if (!this.canEdit(this.runner())) throw new Error(`Exception: ${NOT_FOUND}`);
  }
  getId(): string {
    this.calls.hit('Folder.getId');
    return this.id;
  }
  getName(): string {
    this.calls.hit('Folder.getName');
    return this.name;
  }
  getFoldersByName(name: string) {
    this.calls.hit('Folder.getFoldersByName');
    return new FakeIterator(
      this.calls,
      this.folders.filter((f) => f.name === name),
      'FolderIterator',
    );
  }
  createFolder(name: string) {
    this.calls.hit('Folder.createFolder');
    this.requireEditor();
    const f = new FakeFolder(this.calls, `folder-d${++FakeFolder.seq}`, name, this.runner(), this.runner);
    f.editors = this.editors.slice(); // a new folder inherits its parent's sharing
    this.folders.push(f);
    return f;
  }
  getFilesByName(name: string) {
    this.calls.hit('Folder.getFilesByName');
    const calls = this.calls;
    return new FakeIterator(
      this.calls,
      this.files
        .filter((f) => f.name === name && !f.trashed)
        .map((f) => ({ setTrashed: (t: boolean) => (calls.hit('File.setTrashed'), (f.trashed = t)), getName: () => f.name })),
      'FileIterator',
    );
  }
  createFile(blob: { getName(): string; getContentType(): string; getDataAsString(): string }) {
    this.calls.hit('Folder.createFile');
    this.requireEditor();
    const f: FakeFile = {
      name: blob.getName(),
      type: blob.getContentType(),
      content: blob.getDataAsString(),
      trashed: false,
      url: `https://drive.google.com/file/d/doc-${++FakeFolder.seq}/view`,
      owner: this.runner(),
      editors: this.editors.slice(), // a file inherits its folder's sharing
      viewers: this.viewers.slice(),
    };
    this.files.push(f);
    const calls = this.calls;
    return { getUrl: () => (calls.hit('File.getUrl'), f.url), getName: () => f.name };
  }
  /** Test helper: a descendant folder by path. */
  path(...names: string[]): FakeFolder | undefined {
    return names.reduce<FakeFolder | undefined>((f, n) => f?.folders.find((x) => x.name === n), this);
  }
}

/** Utilities.newBlob and Blob.getAs('application/pdf'): the PDF keeps the HTML as its "content" so tests can read it. */
/** A date's wall-clock fields in an IANA time zone (what Java's SimpleDateFormat prints there). */
const formats = new Map<string, Intl.DateTimeFormat>();
/** The process's own zone: its Dates' local fields are the wall clock there (no formatter needed). */
export const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
export const wallClock = (d: Date, tz: string): Record<'y' | 'M' | 'd' | 'H' | 'm' | 's', number> => {
  if (tz === LOCAL_ZONE) return { y: d.getFullYear(), M: d.getMonth() + 1, d: d.getDate(), H: d.getHours(), m: d.getMinutes(), s: d.getSeconds() };
  let format = formats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(tz, format);
  }
  const parts = format.formatToParts(d);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), M: get('month'), d: get('day'), H: get('hour'), m: get('minute'), s: get('second') };
};

/** `Utilities.formatDate` for the SimpleDateFormat letters yyyy MM dd HH mm ss SSS and quoted literals. */
const formatDate = (d: Date, tz: string, pattern: string): string => {
  const w = wallClock(d, tz);
  const ms = ((d.getTime() % 1000) + 1000) % 1000;
  const fields: Record<string, string> = {
    yyyy: String(w.y).padStart(4, '0'),
    MM: String(w.M).padStart(2, '0'),
    dd: String(w.d).padStart(2, '0'),
    HH: String(w.H).padStart(2, '0'),
    mm: String(w.m).padStart(2, '0'),
    ss: String(w.s).padStart(2, '0'),
    SSS: String(ms).padStart(3, '0'),
  };
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss|SSS|[A-Za-z]/g, (t, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted;
    if (t in fields) return fields[t];
    throw new Error(`Utilities.formatDate in the fake: unsupported pattern letter ${t}`);
  });
};

export const fakeUtilities = (calls: Calls) => {
  const blob = (data: string, type: string, name: string) => {
    const b = {
      getName: () => name,
      getContentType: () => type,
      getDataAsString: () => data,
      setName: (n: string) => ((name = n), b),
      getAs: (t: string) => (calls.hit('Blob.getAs'), blob(data, t, name.replace(/\.html$/, '.pdf'))),
    };
    return b;
  };
  return {
    newBlob: (data: string, type = 'text/plain', name = 'blob') => (calls.hit('Utilities.newBlob'), blob(data, type, name)),
    formatDate: (d: Date, tz: string, pattern: string) => (calls.hit('Utilities.formatDate'), formatDate(d, tz, pattern)),
  };
};

/** Each account's «Мой диск»; folders created anywhere, by id. */
export class FakeDriveApp {
  readonly folders = new Map<string, FakeFolder>();
  readonly roots = new Map<string, FakeFolder>();
  /** Every query searchFiles answered, for tests. */
  readonly queries: string[] = [];
  private seq = 0;
  constructor(
    private readonly calls: Calls,
    private readonly sheets: FakeSpreadsheetApp,
  ) {}
  private get runner(): string {
    return this.sheets.runner();
  }
  /** The owner's «Мой диск» (tests look documents up here). */
  get root(): FakeFolder {
    return this.rootOf(this.sheets.owner);
  }
  rootOf(account: string): FakeFolder {
    let r = this.roots.get(account);
    if (!r) {
      r = new FakeFolder(this.calls, account === this.sheets.owner ? 'root' : `root:${account}`, 'Мой диск', account, () => this.runner);
      this.roots.set(account, r);
    }
    return r;
  }
  /** The running account's own «Мой диск». */
  getRootFolder(): FakeFolder {
    this.calls.hit('DriveApp.getRootFolder');
    if (!this.runner) throw new Error(`Exception: ${NOT_FOUND}`);
    return this.rootOf(this.runner);
  }
  createFolder(name: string): FakeFolder {
    this.calls.hit('DriveApp.createFolder');
    const f = new FakeFolder(this.calls, `folder-${++this.seq}`, name, this.runner, () => this.runner);
    this.folders.set(f.id, f);
    return f;
  }
  getFolderById(id: string): FakeFolder {
    this.calls.hit('DriveApp.getFolderById');
    const f = this.folders.get(id);
    if (!f?.canEdit(this.runner)) throw new Error(`Exception: ${NOT_FOUND}`);
    return f;
  }
  getFileById(id: string) {
    this.calls.hit('DriveApp.getFileById');
    const ss = this.sheets.files.get(id);
    if (!ss?.canEdit(this.runner)) throw new Error(`Exception: ${NOT_FOUND}`);
    const calls = this.calls;
    return {
      getId: () => (calls.hit('File.getId'), id),
      getName: () => (calls.hit('File.getName'), ss.name),
      getLastUpdated: () => (calls.hit('File.getLastUpdated'), new Date(ss.modified)),
      getOwner: () => (calls.hit('File.getOwner'), { getEmail: () => ss.owner }),
      getEditors: () => (calls.hit('File.getEditors'), ss.editors.map((e) => ({ getEmail: () => e }))),
      addEditors: (emails: string[]) => (calls.hit('File.addEditors'), ss.changeSharing(emails, [])),
      removeEditor: (email: string) => (calls.hit('File.removeEditor'), ss.changeSharing([], [email])),
      moveTo: (folder: FakeFolder) => {
        calls.hit('File.moveTo');
        if (!folder.canEdit(this.runner)) throw new Error(`Exception: ${NOT_FOUND}`);
        ss.parents = [folder.id];
        return undefined;
      },
      /** A copy belongs to whoever copies; it keeps the sheets and the bound script (new script id), not the sharing. */
      makeCopy: (name: string, folder?: FakeFolder) => {
        calls.hit('File.makeCopy');
        if (folder && !folder.canEdit(this.runner)) throw new Error(`Exception: ${NOT_FOUND}`);
        const copy = this.copyOf(ss, name, this.runner);
        if (folder) copy.parents = [folder.id];
        return this.getFileByIdUncounted(copy.id);
      },
      setTrashed: (t: boolean) => (calls.hit('File.setTrashed'), (ss.trashed = t), undefined),
    };
  }
  private getFileByIdUncounted(id: string) {
    const n = this.calls.of('DriveApp.getFileById');
    const f = this.getFileById(id);
    this.calls.counts.set('DriveApp.getFileById', n);
    return f;
  }
  /** A spreadsheet copied as Drive copies it (test helper too): new id, new owner, same sheets, new bound script id. */
  copyOf(ss: FakeSpreadsheet, name: string, owner: string): FakeSpreadsheet {
    const copy = this.sheets.add(name, owner);
    copySheets(ss, copy);
    copy.timeZone = ss.timeZone;
    copy.script = ss.script ? { id: `script-${copy.id}`, build: ss.script.build } : null;
    return copy;
  }
  /** Supports the query the bank sends: `'<folder>' in parents and trashed = false [and modifiedDate > '<ISO>']`. */
  searchFiles(query: string) {
    this.calls.hit('DriveApp.searchFiles');
    this.queries.push(query);
    const parent = /'([^']+)' in parents/.exec(query)?.[1];
    const after = /modifiedDate > '([^']+)'/.exec(query)?.[1];
    if (!parent) throw new Error(`Unsupported query in the fake: ${query}`);
    const since = after ? new Date(after).getTime() : -Infinity;
    const calls = this.calls;
    const files = [...this.sheets.files.values()]
      .filter((ss) => ss.parents.includes(parent) && !ss.trashed && ss.modified > since)
      .map((ss) => ({ getId: () => (calls.hit('File.getId'), ss.id), getLastUpdated: () => (calls.hit('File.getLastUpdated'), new Date(ss.modified)) }));
    return new FakeIterator(this.calls, files, 'FileIterator');
  }
}
