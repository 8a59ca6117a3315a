// Starts the local bank in-process on a free port with a fresh demo bank in a temp folder.
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TERRITORIES } from '../../src/core/sheets/master';
import { METHODIST_BANK } from '../../src/core/sheets/territory';
import { LocalBank } from '../../src/local/local-bank';
import { seedDemo } from '../../src/local/seed';
import { createServer, sessionCookie, sessionSecret } from '../../src/local/server';

/** The Cookie header of a signed-in `email` (signed with the bank's session secret, as the login page would). */
export const cookieFor = (bank: LocalBank, email: string): string => `ebppk_user=${sessionCookie(sessionSecret(bank), email)}`;

export const startLocal = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-local-'));
  const bank = LocalBank.empty(dir);
  seedDemo(bank, new Date(2026, 10, 28));
  await bank.save();
  const server = createServer({ bank, buildDir: path.join(__dirname, '..', '..', 'build') });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** The rows of a territory's «Копилка методиста», as the bank holds them now. */
  const methodistBank = (code: string) => {
    const id = String(
      bank.master
        .table(TERRITORIES)
        .read()
        .find((t) => t.code === code)?.workbookId,
    );
    return bank.books.open(id).table(METHODIST_BANK).read();
  };
  return {
    dir,
    bank,
    server,
    url,
    methodistBank,
    as: (email: string) => ({ cookie: cookieFor(bank, email) }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};
