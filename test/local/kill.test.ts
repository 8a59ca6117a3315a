// Killing the local bank at any moment loses at most the operation in flight and never leaves files that disagree.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONSENT_CHOICE } from '../../src/core/intake/form-spec';
import { LEDGER } from '../../src/core/sheets/master';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { LocalBank } from '../../src/local/local-bank';
import { SteppingClock } from '../clock';
import { buildServer, startServer } from './server-process';

let SERVER = '';

const application = (n: number) =>
  new URLSearchParams({
    lastName: 'Убитова',
    firstName: 'Ксения',
    email: `kill${n}@school.example`,
    phone: '+7 902 111-22-33',
    territory: 'Пермский городской округ',
    organization: 'МАОУ «СОШ № 5»',
    position: 'учитель',
    course: '',
    birthDate: '1985-01-01',
    sex: 'женский',
    snils: `000-000-${String(100 + n).padStart(3, '0')} 00`,
    educationLevel: 'высшее',
    consent: CONSENT_CHOICE,
  });

describe('the local bank under kill -9', () => {
  beforeAll(async () => {
    SERVER = await buildServer('kill-test-server');
  }, 60000);

  it('keeps every acknowledged application and consistent files across three kills', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-kill-'));
    const acknowledged: string[] = [];
    let n = 0;
    for (let round = 0; round < 3; round++) {
      const { child, url, exited } = await startServer(SERVER, dir);
      const courseLabel = await fetch(`${url}apply`)
        .then((r) => r.text())
        .then((html) => /<option>(ОМ-02 — [^<]+)<\/option>/.exec(html)?.[1] ?? '');
      // Keep four applications in flight and kill the server the moment a chosen number of them is acknowledged:
      // the others are still in flight then, whatever the machine's speed (no wall-clock deadline).
      const killAfter = acknowledged.length + 4 + round * 3;
      const inFlight: Array<Promise<void>> = [];
      let killed = false;
      await new Promise<void>((allSent) => {
        const send = (): void => {
          if (killed) return;
          const body = application(++n);
          body.set('course', courseLabel.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
          inFlight.push(
            fetch(`${url}apply`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
              .then((r) => r.text())
              .then((html) => {
                const id = /Заявка принята: номер <strong>(\d{4}-\d{6})/.exec(html)?.[1];
                if (id) acknowledged.push(id); // an answer read after the kill was still sent before it
                if (acknowledged.length >= killAfter && !killed) {
                  killed = true;
                  child.kill('SIGKILL');
                  allSent();
                } else send();
              })
              .catch(() => send()),
          );
        };
        for (let i = 0; i < 4; i++) send();
      });
      await Promise.all(inFlight);
      await exited;
      // Every file loads, the acknowledged applications are there, and the workbooks agree with the ledger.
      const bank = await LocalBank.load(dir, new SteppingClock());
      const ids = new Set(bank.master.table(LEDGER).ids());
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
      expect(checkIntegrity(bank.master, bank.books).problems).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(4 + 7 + 10);
  }, 180000);

  it('a second server on the same data folder refuses to start, naming the first; the first keeps every acknowledged application', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-two-'));
    const first = await startServer(SERVER, dir);
    try {
      await expect(startServer(SERVER, dir)).rejects.toThrow(`уже использует другой запущенный банк (процесс ${first.child.pid})`);
      const courseLabel = await fetch(`${first.url}apply`)
        .then((r) => r.text())
        .then((html) => (/<option>(ОМ-02 — [^<]+)<\/option>/.exec(html)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
      const body = application(90);
      body.set('course', courseLabel);
      const html = await fetch(`${first.url}apply`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }).then((r) =>
        r.text(),
      );
      const id = /Заявка принята: номер <strong>(\d{4}-\d{6})/.exec(html)?.[1] as string;
      expect(id).toBeTruthy();
      first.child.kill('SIGTERM');
      await first.exited;
      const bank = await LocalBank.load(dir, new SteppingClock());
      expect(bank.master.table(LEDGER).ids()).toContain(id);
      // Once the first is gone (even by kill -9), the folder is free again.
      const again = await startServer(SERVER, dir);
      again.child.kill('SIGKILL');
      await again.exited;
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
  }, 120000);
});
