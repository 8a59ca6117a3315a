// A fake of the DriveApp methods the bank uses: folders, moving files, and searchFiles with a modifiedDate query.
import type { Calls } from './calls';
import type { FakeSpreadsheetApp } from './spreadsheet';

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
}

export class FakeFolder {
  readonly folders: FakeFolder[] = [];
  readonly files: FakeFile[] = [];
  private static seq = 0;
  constructor(
    private readonly calls: Calls,
    readonly id: string,
    readonly name: string,
  ) {}
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
    const f = new FakeFolder(this.calls, `folder-d${++FakeFolder.seq}`, name);
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
    const f: FakeFile = {
      name: blob.getName(),
      type: blob.getContentType(),
      content: blob.getDataAsString(),
      trashed: false,
      url: `https://drive.google.com/file/d/doc-${++FakeFolder.seq}/view`,
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
    formatDate: (d: Date) => d.toISOString(),
  };
};

export class FakeDriveApp {
  readonly folders = new Map<string, FakeFolder>();
  readonly root: FakeFolder;
  /** Every query searchFiles answered, for tests. */
  readonly queries: string[] = [];
  private seq = 0;
  constructor(
    private readonly calls: Calls,
    private readonly sheets: FakeSpreadsheetApp,
  ) {
    this.root = new FakeFolder(calls, 'root', 'Мой диск');
  }
  getRootFolder(): FakeFolder {
    this.calls.hit('DriveApp.getRootFolder');
    return this.root;
  }
  createFolder(name: string): FakeFolder {
    this.calls.hit('DriveApp.createFolder');
    const f = new FakeFolder(this.calls, `folder-${++this.seq}`, name);
    this.folders.set(f.id, f);
    return f;
  }
  getFolderById(id: string): FakeFolder {
    this.calls.hit('DriveApp.getFolderById');
    const f = this.folders.get(id);
    if (!f) throw new Error('No item with the given ID could be found, or you do not have permission to access it.');
    return f;
  }
  getFileById(id: string) {
    this.calls.hit('DriveApp.getFileById');
    const ss = this.sheets.files.get(id);
    if (!ss) throw new Error('No item with the given ID could be found, or you do not have permission to access it.');
    const calls = this.calls;
    return {
      getId: () => (calls.hit('File.getId'), id),
      getLastUpdated: () => (calls.hit('File.getLastUpdated'), new Date(ss.modified)),
      moveTo: (folder: FakeFolder) => {
        calls.hit('File.moveTo');
        ss.parents = [folder.id];
        return undefined;
      },
      setTrashed: (t: boolean) => (calls.hit('File.setTrashed'), (ss.trashed = t), undefined),
    };
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
