// The local bank: the master and the territory workbooks in memory, loaded from and saved to .xlsx files after
// every completed operation. The same use cases and RPC functions as in Apps Script run on it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../adapters/clock';
import { MemoryBookStore } from '../adapters/memory/memory-book-store';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import type { App } from '../app/app';
import type { Clock, Lock, Mailer, Properties } from '../core/ports';
import { FileDocumentStore } from './file-document-store';
import { LocalStatsPublisher } from './stats-publisher';
import { commitFiles, ensureDir, fileOf, loadWorkbook, PRIVATE_FILE, recover, saveWorkbook } from './xlsx-files';

interface Manifest {
  readonly version: 1;
  /**
   * `timeZone`: the file is Google's export (a backup), its dates serial numbers in that zone — until this bank saves
   * it again in its own form. `masterTimeZone` likewise for the master.
   */
  readonly books: Array<{ id: string; name: string; editors: string[]; modified: number; timeZone?: string }>;
  readonly properties: Record<string, string>;
  readonly masterTimeZone?: string;
}

const MASTER_ID = 'master';

/** Saving failed (a file held open by another program, a full disk): said in Russian, without the machine's paths. */
export class SaveError extends Error {
  constructor(readonly detail: string) {
    super(
      'Не удалось сохранить банк на диск (файл открыт другой программой или диск заполнен). Изменения сохранятся при следующей удачной записи; закройте файлы банка в Excel и повторите.',
    );
    this.name = 'SaveError';
  }
}

export class ReadOnlyError extends Error {
  constructor() {
    super(
      'Это резервная копия, открытая только для просмотра: изменения не сохраняются. Чтобы работать с копией, откройте её с --writable (будет сделана рабочая копия).',
    );
    this.name = 'ReadOnlyError';
  }
}

const snapshot = (wb: MemoryWorkbook): MemoryWorkbook => {
  const copy = new MemoryWorkbook(wb.id);
  wb.grids.forEach((g, name) =>
    copy.load(
      name,
      g.rows.map((r) => r.map((v) => (v instanceof Date ? new Date(v.getTime()) : v))),
    ),
  );
  return copy;
};

export class LocalBank {
  readonly master: MemoryWorkbook;
  readonly books: MemoryBookStore;
  readonly properties = new Map<string, string>();
  readonly mailLog: string;
  readonly stats: LocalStatsPublisher;
  private readonly dirty = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  /** Workbooks still as Google exported them (a backup), by id: the zone their dates are serial numbers in. */
  zones = new Map<string, string>();
  /** A backup opened to look at: every write is refused and nothing is saved. */
  readOnly = false;

  private constructor(
    readonly dir: string,
    master: MemoryWorkbook,
    books: MemoryBookStore,
    /** The one clock of this bank: every request, the job, the mail log and the pages' "today" read it. */
    readonly clock: Clock,
  ) {
    this.master = master;
    this.books = books;
    this.mailLog = path.join(dir, 'письма.txt');
    this.stats = new LocalStatsPublisher(master);
    master.setOnChange(() => this.dirty.add(MASTER_ID));
  }

  static empty(dir: string, clock: Clock = systemClock): LocalBank {
    ensureDir(dir);
    const bank = new LocalBank(dir, new MemoryWorkbook(MASTER_ID), new MemoryBookStore(), clock);
    bank.books.onCreate = (id) => bank.trackBook(id);
    return bank;
  }

  static exists(dir: string): boolean {
    if (fs.existsSync(dir)) recover(dir);
    return fs.existsSync(path.join(dir, 'bank.json')) && fs.existsSync(fileOf(dir, MASTER_ID));
  }

  static async load(dir: string, clock: Clock = systemClock): Promise<LocalBank> {
    recover(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'bank.json'), 'utf8')) as Manifest;
    const master = await loadWorkbook(fileOf(dir, MASTER_ID), MASTER_ID, manifest.masterTimeZone);
    const bank = new LocalBank(dir, master, new MemoryBookStore(), clock);
    if (manifest.masterTimeZone) bank.zones.set(MASTER_ID, manifest.masterTimeZone);
    for (const b of manifest.books) {
      bank.books.restore(b.id, b.name, await loadWorkbook(fileOf(dir, b.id), b.id, b.timeZone), b.editors, b.modified);
      if (b.timeZone) bank.zones.set(b.id, b.timeZone);
    }
    bank.books.onCreate = (id) => bank.trackBook(id);
    bank.books.books.forEach((_, id) => bank.trackBook(id));
    Object.entries(manifest.properties).forEach(([k, v]) => bank.properties.set(k, v));
    return bank;
  }

  /** Opens a bank (a backup) for reading only: any change is refused with a Russian message, nothing is ever saved. */
  static async loadReadOnly(dir: string, clock: Clock = systemClock): Promise<LocalBank> {
    const bank = await LocalBank.load(dir, clock);
    bank.readOnly = true;
    const refuse = (): void => {
      throw new ReadOnlyError();
    };
    bank.master.setOnChange(refuse);
    bank.books.books.forEach((b) => b.workbook.setOnChange(refuse));
    bank.books.onCreate = refuse;
    bank.dirty.clear();
    return bank;
  }

  private trackBook(id: string): void {
    const book = this.books.books.get(id);
    if (!book) return;
    const store = this.books;
    book.workbook.setOnChange(() => {
      book.modified = store.nextTick();
      this.dirty.add(id);
    });
    this.dirty.add(id);
  }

  propertiesPort(): Properties {
    return { get: (k) => this.properties.get(k) ?? null, set: (k, v) => void this.properties.set(k, v) };
  }

  /** Node runs one request at a time and the use cases are synchronous: the lock only has to be re-entrant-safe. */
  readonly lock: Lock = { withLock: (fn) => fn() };

  readonly mailer: Mailer = {
    remaining: () => 100,
    send: (to, subject, body) =>
      fs.appendFileSync(this.mailLog, `--- ${this.clock.now().toISOString()}\nКому: ${to}\nТема: ${subject}\n\n${body}\n\n`, { mode: PRIVATE_FILE }),
  };

  /** The ports for one request, as the signed-in user. */
  app(email: string): App {
    return {
      master: this.master,
      books: this.books,
      // Cabinets live in the same store (one set of files to save); the sync ignores books that are not a territory's.
      cabinets: this.books,
      clock: this.clock,
      identity: { email: () => email },
      lock: this.lock,
      properties: this.propertiesPort(),
      mailer: this.mailer,
      documents: new FileDocumentStore(this.dir),
      statsPublisher: this.stats,
      notify: () => undefined,
      // The local Form page lists open courses live: nothing to rewrite.
      setFormCourses: () => undefined,
    };
  }

  /** Saves every workbook changed since the last save, then the manifest; serialised, each file atomic. */
  save(): Promise<void> {
    if (this.readOnly) return Promise.resolve();
    const run = async () => {
      const ids = [...this.dirty];
      this.dirty.clear();
      // A workbook saved now is in this bank's own form: its file's dates need no zone any more.
      const zones = new Map([...this.zones].filter(([id]) => !ids.includes(id)));
      const manifest: Manifest = {
        version: 1,
        books: [...this.books.books.entries()].map(([id, b]) => ({
          id,
          name: b.name,
          editors: [...b.editors],
          modified: b.modified,
          ...(zones.has(id) ? { timeZone: zones.get(id) } : {}),
        })),
        properties: Object.fromEntries(this.properties),
        ...(zones.has(MASTER_ID) ? { masterTimeZone: zones.get(MASTER_ID) } : {}),
      };
      // A consistent cut: copy every changed workbook now, synchronously, before any await lets a request in.
      const writes = ids.flatMap((id) => {
        const wb = id === MASTER_ID ? this.master : this.books.books.get(id)?.workbook;
        if (!wb) return [];
        const copy = snapshot(wb);
        return [{ file: fileOf(this.dir, id), write: (tmp: string) => saveWorkbook(copy, tmp) }];
      });
      // The master, the changed territory workbooks and the manifest change together or not at all.
      try {
        await commitFiles(this.dir, [
          ...writes,
          { file: path.join(this.dir, 'bank.json'), write: async (tmp) => fs.writeFileSync(tmp, JSON.stringify(manifest, null, 1)) },
        ]);
        this.zones = zones;
      } catch (e) {
        // Not saved: these workbooks stay dirty, so the next save writes them again (with whatever changed since).
        for (const id of ids) this.dirty.add(id);
        throw new SaveError(e instanceof Error ? e.message : String(e));
      }
    };
    this.saving = this.saving.then(run, run);
    return this.saving;
  }
}
