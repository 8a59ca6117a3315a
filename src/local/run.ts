// Starting the local bank: from `npm start` (main.ts) and from `ebppk restore-local` (a backup, read-only by default).
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import type { Clock } from '../core/ports';
import { ACCESS, SETTINGS } from '../core/sheets/master';
import { ensureCabinets } from '../core/use-cases/cabinets';
import { getSetting, setSetting } from '../core/use-cases/settings';
import { setupBank } from '../core/use-cases/setup-bank';
import { ensureTerritoryBooks } from '../core/use-cases/territory-books';
import { SCHEMA_VERSION } from '../core/version';
import { lockFolder } from './folder-lock';
import { LocalBank } from './local-bank';
import { seedDemo } from './seed';
import { createServer, startJobTimer } from './server';

/** What `ebppk backup` writes into its manifest.json: a folder holding one is a backup, opened read-only. */
export const BACKUP_KIND = 'ebppk-backup';

export const isBackup = (dir: string): boolean => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { kind?: string }).kind === BACKUP_KIND;
  } catch {
    return false;
  }
};

/** Loopback only: the local bank's sign-in is a demo picker without passwords. */
export const checkHost = (host: string): string => {
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(
      `Локальный банк слушает только этот компьютер (127.0.0.1): вход в нём — выбор демонстрационного пользователя, без пароля. Адрес «${host}» не разрешён.`,
    );
  }
  return host;
};

export interface RunOptions {
  readonly dir: string;
  readonly port: number;
  readonly host: string;
  readonly buildDir: string;
  readonly fresh?: boolean;
  readonly readOnly?: boolean;
  readonly jobSeconds?: number;
  /** Applications one client may send per minute through the form. */
  readonly applyPerMinute?: number;
  readonly log?: (line: string) => void;
  /** The bank's clock (`--now` / EBPPK_NOW): the machine's when not given. */
  readonly clock?: Clock;
}

/**
 * A bank saved by an earlier version gets what «Настроить банк» gives a Google bank after a deploy: new sheets and
 * columns in the master, the territory workbooks and the cabinets, run as the first active sector user. Returns what was
 * done, or '' when the schema is current.
 */
export const upgradeLocalBank = (bank: LocalBank): string => {
  const before = getSetting(bank.master.table(SETTINGS), 'schemaVersion');
  if (before === SCHEMA_VERSION) return '';
  const actor = String(
    bank.master
      .table(ACCESS)
      .read()
      .find((a) => a.role === 'sector' && a.active === true)?.email ?? '',
  );
  const clock = bank.clock;
  const r = setupBank({ master: bank.master, clock, actor, triggers: { ensure: () => [] }, triggerSpecs: [] });
  if (!r.ok) throw new Error(r.error);
  ensureTerritoryBooks({ master: bank.master, books: bank.books, clock, actor, budgetMs: 1e9 });
  ensureCabinets({ master: bank.master, cabinets: bank.books, clock, actor, budgetMs: 1e9 });
  return `Банк обновлён со схемы ${before || '—'} до ${SCHEMA_VERSION}${r.value.addedColumns.length ? `: добавлены столбцы ${r.value.addedColumns.join(', ')}` : ''}.`;
};

export const runLocalBank = async (o: RunOptions): Promise<{ server: http.Server; bank: LocalBank; url: string }> => {
  const log = o.log ?? ((l: string) => console.log(l));
  const host = checkHost(o.host);
  if (o.fresh && o.readOnly) throw new Error('--fresh удаляет данные, а банк открыт только для чтения.');
  // A bank that writes takes its folder first: a second server on the same files refuses to start.
  const release = o.readOnly ? () => undefined : lockFolder(o.dir);
  if (o.fresh && fs.existsSync(o.dir)) {
    for (const f of fs.readdirSync(o.dir)) if (/\.(xlsx|json|txt|tmp)$/.test(f)) fs.rmSync(path.join(o.dir, f));
    log(`Данные в ${o.dir} удалены: банк создаётся заново.`);
  }
  let bank: LocalBank;
  if (o.readOnly) {
    if (!LocalBank.exists(o.dir)) throw new Error(`${o.dir}: здесь нет банка (bank.json и master.xlsx).`);
    bank = await LocalBank.loadReadOnly(o.dir, o.clock);
    log(`Банк открыт только для просмотра из ${o.dir}: изменения не сохраняются, фоновое задание не запускается.`);
  } else if (LocalBank.exists(o.dir)) {
    bank = await LocalBank.load(o.dir, o.clock);
    log(`Банк загружен из ${o.dir}.`);
    const upgraded = upgradeLocalBank(bank);
    if (upgraded) {
      await bank.save();
      log(upgraded);
    }
  } else {
    bank = LocalBank.empty(o.dir, o.clock);
    const r = seedDemo(bank);
    await bank.save();
    log(`Создан демонстрационный банк: ${r.applications} заявок, 43 книги территорий (${o.dir}).`);
  }
  const server = createServer({ bank, buildDir: o.buildDir, ...(o.applyPerMinute ? { applyPerMinute: o.applyPerMinute } : {}) });
  server.on('close', release);
  await new Promise<void>((r) => server.listen(o.port, host, r));
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : o.port}/`;
  log(`ЕБППК работает: ${url}  (остановить: Ctrl+C)`);
  if (!o.readOnly) {
    // The letters link the status page at the address this bank serves (in Apps Script: the web app's, set by setup).
    setSetting(bank.master.table(SETTINGS), 'statusUrl', `${url}status`);
    await bank.save();
    const timer = startJobTimer(bank, o.jobSeconds ?? 60);
    // The server keeps the process alive; the timer alone must not (a caller that closes the server ends it).
    timer.unref();
    server.on('close', () => clearInterval(timer));
  }
  return { server, bank, url };
};
