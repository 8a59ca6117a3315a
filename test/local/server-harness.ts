// Starts the local bank in-process on a free port with a fresh demo bank in a temp folder.
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONSENT_CHOICE, openCourseLabels } from '../../src/core/intake/form-spec';
import { COURSES, TERRITORIES } from '../../src/core/sheets/master';
import { METHODIST_BANK } from '../../src/core/sheets/territory';
import { LocalBank } from '../../src/local/local-bank';
import { seedDemo } from '../../src/local/seed';
import { createServer, issueSession, sessionSecret } from '../../src/local/server';
import { SteppingClock } from '../clock';

/**
 * A complete application as the local form posts it, valid by the Form's own rules (so it is recorded; what the bank
 * then decides depends on `over`). `course` is the open course whose label starts with `courseStart`.
 */
export const formFields = (bank: LocalBank, over: Record<string, string> = {}, courseStart = 'ОМ-02'): Record<string, string> => ({
  lastName: 'Иванова',
  firstName: 'Вера',
  email: 'vera@school.example',
  phone: '+7 902 111-22-33',
  territory: 'Пермский городской округ',
  organization: 'МАОУ «СОШ № 5»',
  position: 'учитель',
  course: openCourseLabels(bank.master.table(COURSES).read()).find((l) => l.startsWith(courseStart)) ?? '',
  birthDate: '1985-01-01',
  sex: 'женский',
  snils: '112-233-445 95',
  educationLevel: 'высшее',
  consent: CONSENT_CHOICE,
  ...over,
});

/** The Cookie header of a signed-in `email` (signed with the bank's session secret, as the login page would). */
export const cookieFor = (bank: LocalBank, email: string): string => `ebppk_user=${issueSession(bank, sessionSecret(bank), email)}`;

/** A demo bank seeded and run on the test's calendar (test/clock.ts): `clock` moves it on. */
export const startLocal = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-local-'));
  const clock = new SteppingClock();
  const bank = LocalBank.empty(dir, clock);
  seedDemo(bank);
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
    clock,
    server,
    url,
    methodistBank,
    as: (email: string) => ({ cookie: cookieFor(bank, email) }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};
