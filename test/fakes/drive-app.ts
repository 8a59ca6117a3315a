// A fake of the DriveApp methods the bank uses: folders, moving files, and searchFiles with a modifiedDate query.
import { Calls } from './calls';
import { FakeSpreadsheetApp } from './spreadsheet';

class FakeIterator<T> {
  private i = 0;
  constructor(
    private readonly calls: Calls,
    private readonly items: T[],
    private readonly kind: string,
  ) {}
  hasNext(): boolean { this.calls.hit(`${this.kind}.hasNext`); return this.i < this.items.length; }
  next(): T { this.calls.hit(`${this.kind}.next`); if (this.i >= this.items.length) throw new Error('No more items'); return this.items[this.i++]; }
}

export class FakeFolder {
  constructor(private readonly calls: Calls, readonly id: string, readonly name: string) {}
  getId(): string { this.calls.hit('Folder.getId'); return this.id; }
  getName(): string { this.calls.hit('Folder.getName'); return this.name; }
}

export class FakeDriveApp {
  readonly folders = new Map<string, FakeFolder>();
  /** Every query searchFiles answered, for tests. */
  readonly queries: string[] = [];
  private seq = 0;
  constructor(
    private readonly calls: Calls,
    private readonly sheets: FakeSpreadsheetApp,
  ) {}
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
