import { STAGE_LABELS } from '../../src/core/domain/lifecycle';
import { ARCHIVE, JOURNAL, LEDGER, OUTBOX, PROVIDER_BANK } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { BOOK_STATUS, HISTORY, METHODIST_BANK, TERRITORY_QUOTAS } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { DIRTY_TERRITORIES, markDirty, NOTES, syncTerritories } from '../../src/core/use-cases/sync-territories';
import { anApplication, bookOf, type MemoryBank, memoryBank, noLock } from '../builders';

const setup = (n = 8): MemoryBank => {
  const bank = memoryBank();
  admitApplications(
    { master: bank.master, books: bank.books, clock: bank.clock, actor: 'форма' },
    Array.from({ length: n }, (_, i) => anApplication(i + 1)),
  );
  return bank;
};
const sync = (b: MemoryBank) => syncTerritories({ master: b.master, books: b.books, clock: b.clock, properties: b.properties, lock: noLock });
const decide = (b: MemoryBank, decisions: Record<string, Partial<Row>>) =>
  bookOf(b.master, b.books, 'perm')
    .table(METHODIST_BANK)
    .updateByIds(new Map(Object.entries(decisions)));
const stages = (b: MemoryBank) =>
  Object.fromEntries(
    b.master
      .table(LEDGER)
      .read()
      .map((r) => [r.id, r.stage]),
  );
const permBank = (b: MemoryBank) => bookOf(b.master, b.books, 'perm').table(METHODIST_BANK).read();

describe('sync of territory workbooks', () => {
  it('moves a sent application to «Копилка поставщика» with its full record, and journals who decided', () => {
    const b = setup();
    sync(b);
    decide(b, { '2026-000002': { decision: 'Направить поставщику' } });
    const r = sync(b);
    expect(r).toMatchObject({ sent: 1, skipped: false });
    const provider = b.master.table(PROVIDER_BANK).read();
    expect(provider.map((p) => p.id)).toEqual(['2026-000002']);
    expect(provider[0]).toMatchObject({ snils: '112-233-445 95', sentBy: 'методист: Пермский городской округ', present: false });
    expect(permBank(b).map((x) => x.id)).not.toContain('2026-000002');
    expect(stages(b)['2026-000002']).toBe('provider');
    const journal = b.master
      .table(JOURNAL)
      .read()
      .filter((j) => j.applicationId === '2026-000002');
    expect(journal.map((j) => [j.action, j.from, j.to, j.actor])).toEqual([
      ['заявка принята', '', 'в копилке методиста', 'форма'],
      ['направить поставщику', 'в копилке методиста', 'в копилке поставщика', 'методист: Пермский городской округ'],
    ]);
  });

  it('enforces the quota: the sixth of six sent with 5 places is waitlisted with the reason', () => {
    const b = setup();
    decide(b, Object.fromEntries(Array.from({ length: 6 }, (_, i) => [anApplication(i + 1).id, { decision: 'Направить поставщику' }])));
    const r = sync(b);
    expect(r).toMatchObject({ sent: 5, waitlisted: 1 });
    const left = permBank(b).find((x) => x.id === '2026-000006') as Row;
    expect(left).toMatchObject({ decision: 'Лист ожидания', bankNote: 'Лист ожидания: 1-я по очереди (квота 5 из 5 занята).' });
    expect(stages(b)['2026-000006']).toBe('waitlist');
    const quotas = bookOf(b.master, b.books, 'perm').table(TERRITORY_QUOTAS).read();
    expect(quotas.find((q) => q.course === 'ОМ-01')).toMatchObject({ quota: '5', sent: 5, left: 0, dates: '05.10.2026–09.10.2026' });
    expect(quotas.find((q) => q.course === 'ОМ-02')).toMatchObject({ quota: 'без квоты', sent: 0, left: '' });
  });

  it('refuses a rejection without a reason and says so on the row', () => {
    const b = setup();
    decide(b, { '2026-000003': { decision: 'Отклонить', reason: '  ' } });
    expect(sync(b)).toMatchObject({ rejected: 0, notes: 1 });
    expect(permBank(b).find((x) => x.id === '2026-000003')?.bankNote).toBe(NOTES.noReason);
    expect(stages(b)['2026-000003']).toBe('methodist');
  });

  it('archives a rejection with its reason, queues the letter, and mirrors it in «История»', () => {
    const b = setup();
    decide(b, { '2026-000003': { decision: 'Отклонить', reason: 'Нет стажа' } });
    expect(sync(b)).toMatchObject({ rejected: 1 });
    expect(b.master.table(ARCHIVE).read()).toEqual([expect.objectContaining({ id: '2026-000003', outcome: 'rejected', reason: 'Нет стажа' })]);
    const letters = b.master.table(OUTBOX).read();
    expect(letters).toEqual([expect.objectContaining({ id: '2026-000003/отклонена', to: 'teacher3@school.perm.ru', status: 'ждёт' })]);
    expect(String(letters[0].body)).toContain('Причина: Нет стажа');
    const history = bookOf(b.master, b.books, 'perm').table(HISTORY).read();
    expect(history).toEqual([expect.objectContaining({ id: '2026-000003', stage: STAGE_LABELS.rejected, reason: 'Нет стажа' })]);
  });

  it('returns an application from the waitlist when the methodist clears the decision', () => {
    const b = setup();
    decide(b, { '2026-000004': { decision: 'Лист ожидания' } });
    sync(b);
    expect(stages(b)['2026-000004']).toBe('waitlist');
    decide(b, { '2026-000004': { decision: '' } });
    expect(sync(b)).toMatchObject({ returned: 1 });
    expect(stages(b)['2026-000004']).toBe('methodist');
  });

  it('does nothing and reads no master sheet when no workbook changed', () => {
    const b = setup();
    sync(b);
    sync(b); // our own writes of the first run show up once
    const r = sync(b);
    expect(r.skipped).toBe(true);
  });

  it('leaves every application in exactly one stage sheet (integrity check)', () => {
    const b = setup();
    decide(b, { '2026-000001': { decision: 'Направить поставщику' }, '2026-000002': { decision: 'Отклонить', reason: 'дубль' } });
    sync(b);
    expect(checkIntegrity(b.master, b.books)).toEqual({ checked: 8, problems: [] });
    // Corrupt: copy a row back into the methodist's sheet, and lose another.
    bookOf(b.master, b.books, 'perm')
      .table(METHODIST_BANK)
      .append([{ id: '2026-000001', course: 'ОМ-01' }]);
    bookOf(b.master, b.books, 'perm').table(METHODIST_BANK).deleteByIds(['2026-000005']);
    const r = checkIntegrity(b.master, b.books);
    expect(r.problems).toEqual([
      '2026-000001: заявка стоит сразу на нескольких листах: provider, territory:perm',
      '2026-000005: этап «в копилке методиста», но заявки нет ни на одном листе этапа',
    ]);
  });
});

describe('territories marked for a refresh while the sync runs', () => {
  it('are cleared under the script lock, where every other execution marks them', () => {
    const b = setup(2);
    sync(b);
    sync(b);
    markDirty(b.properties, ['perm']);
    let held = false;
    const clears: boolean[] = [];
    const properties = {
      get: (k: string) => b.properties.get(k),
      set: (k: string, v: string) => {
        if (k === DIRTY_TERRITORIES && v === '') clears.push(held);
        b.properties.set(k, v);
      },
    };
    const lock = {
      withLock: <T>(fn: () => T): T => {
        held = true;
        try {
          return fn();
        } finally {
          held = false;
        }
      },
    };
    syncTerritories({ master: b.master, books: b.books, clock: b.clock, properties, lock });
    expect(clears).toEqual([true]);
  });

  it('stay marked for the next run instead of being cleared with the ones this run did', () => {
    const b = setup(2);
    sync(b);
    sync(b); // reads back its own writes once; now nothing has changed
    markDirty(b.properties, ['perm']);
    // Another execution marks «kungursky» while this run works (just before it finishes).
    const lock = {
      withLock: <T>(fn: () => T): T => {
        const r = fn();
        markDirty(b.properties, ['kungursky']);
        return r;
      },
    };
    const r = syncTerritories({ master: b.master, books: b.books, clock: b.clock, properties: b.properties, lock });
    expect(r.touched).toEqual(['perm']);
    expect(JSON.parse(b.properties.get(DIRTY_TERRITORIES) ?? '{}')).toEqual({ full: ['perm', 'kungursky'], ids: {} });
    expect(sync(b).touched).toContain('kungursky');
    expect(b.properties.get(DIRTY_TERRITORIES)).toBe('');
  });
});

describe('«О книге» (issue 18)', () => {
  const status = (b: MemoryBank) =>
    Object.fromEntries(
      bookOf(b.master, b.books, 'perm')
        .table(BOOK_STATUS)
        .read()
        .map((r) => [r.key, r.value]),
    );

  it('says when the bank last took the decisions and how many wait; the bank’s own writes do not rewrite it', () => {
    const b = setup(3);
    sync(b);
    expect(status(b)).toMatchObject({ Территория: 'Пермский городской округ', 'Ждут вашего решения': '3', 'В листе ожидания': '0' });
    const first = status(b)['Банк последний раз обработал книгу'];
    expect(first).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    b.clock.advance(60 * 60 * 1000);
    sync(b); // nothing decided, counts unchanged: the time stays
    expect(status(b)['Банк последний раз обработал книгу']).toBe(first);
    decide(b, Object.fromEntries([1, 2, 3].map((n) => [anApplication(n).id, { decision: 'Направить поставщику' }])));
    sync(b);
    expect(status(b)['Банк последний раз обработал книгу']).not.toBe(first);
    expect(status(b)['Ждут вашего решения']).toBe('нет — новых заявок нет');
  });
});
