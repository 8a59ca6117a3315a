// Consent under 152-ФЗ (issue 16): a person withdraws it for every application (by СНИЛС), letters stop at once, what
// has not started is withdrawn, a group keeps its learner for the course's documents; the yearly rollover anonymises
// what the retention period no longer covers and the rows of people who withdrew consent, keeping the statistics.
import { ARCHIVE, JOURNAL, LEDGER, OUTBOX, PROVIDER_BANK, SETTINGS } from '../../src/core/sheets/master';
import type { Row } from '../../src/core/sheets/spec';
import { METHODIST_BANK } from '../../src/core/sheets/territory';
import { admitApplications } from '../../src/core/use-cases/admit-applications';
import { archiveGroup, completeGroup } from '../../src/core/use-cases/completion';
import { withdrawConsent } from '../../src/core/use-cases/consent';
import { formGroup } from '../../src/core/use-cases/groups';
import { checkIntegrity } from '../../src/core/use-cases/integrity';
import { confirmationLetter, queueMail } from '../../src/core/use-cases/letters';
import { rolloverArchive } from '../../src/core/use-cases/rollover';
import { setSetting } from '../../src/core/use-cases/settings';
import { computeStatistics } from '../../src/core/use-cases/statistics';
import { anApplication, bookOf, type MemoryBank, memoryBank, noLock } from '../builders';

const PERSON = 'snils:11223344595';
const OWNER = { ownerExecution: true };
const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };
const sector = { email: 'sector@iro.perm.ru', role: 'sector' as const, scope: '', name: '' };

/** One person with three applications: ОМ-01 in a group, ОМ-02 at the provider, ОМ-03 at the methodist; and someone else. */
const bank = (): MemoryBank & { deps: Parameters<typeof withdrawConsent>[0] } => {
  const b = memoryBank();
  const deps = { master: b.master, books: b.books, clock: b.clock, lock: noLock, properties: b.properties };
  const group = anApplication(1, { personKey: PERSON, stage: 'provider' });
  const provider = anApplication(2, { personKey: PERSON, course: 'ОМ-02', stage: 'provider' });
  const other = anApplication(4, { stage: 'provider' });
  b.master.table(LEDGER).append([group, provider, other]);
  b.master.table(PROVIDER_BANK).append([group, provider, other]);
  admitApplications({ master: b.master, books: b.books, clock: b.clock, actor: 'форма' }, [anApplication(3, { personKey: PERSON, course: 'ОМ-02' })]);
  b.clock.t = new Date(2026, 9, 5, 10).getTime();
  expect(formGroup({ ...deps }, leader, 'ОМ-01', ['2026-000001', '2026-000004']).ok).toBe(true);
  queueMail(b.master, [confirmationLetter(anApplication(3), undefined)], b.clock);
  return Object.assign(b, { deps });
};

const stage = (b: MemoryBank, id: string) =>
  b.master
    .table(LEDGER)
    .read()
    .find((r) => r.id === id) as Row;

describe('withdrawing consent', () => {
  it('marks every application of the person, cancels their waiting letters, withdraws what has not started, keeps the group', () => {
    const b = bank();
    const r = withdrawConsent(b.deps, { email: 'заявитель (страница статуса)', role: 'system' }, '2026-000003', OWNER);
    expect(r).toMatchObject({ ok: true, value: { applications: 3, kept: ['2026-000001'], letters: 2 } });
    expect(r.ok && [...r.value.withdrawn].sort()).toEqual(['2026-000002', '2026-000003']);
    for (const id of ['2026-000001', '2026-000002', '2026-000003']) expect(stage(b, id).consentWithdrawnAt).toBeInstanceOf(Date);
    expect(stage(b, '2026-000004').consentWithdrawnAt).toBe('');
    expect(stage(b, '2026-000001').stage).toBe('group');
    expect([stage(b, '2026-000002').stage, stage(b, '2026-000003').stage]).toEqual(['withdrawn', 'withdrawn']);
    expect(stage(b, '2026-000002').reason).toBe('отзыв согласия на обработку персональных данных');
    expect(bookOf(b.master, b.books, 'perm').table(METHODIST_BANK).ids()).not.toContain('2026-000003');
    // The person's waiting letters are cancelled (the enrolment letter, the acceptance); the other person's is not.
    const letters = new Map(
      b.master
        .table(OUTBOX)
        .read()
        .map((l) => [String(l.id), l.status]),
    );
    expect(letters.get('2026-000001/в группе')).toBe('отменено');
    expect(letters.get('2026-000003/принята')).toBe('отменено');
    expect(letters.get('2026-000004/в группе')).toBe('ждёт');
    expect(
      b.master
        .table(JOURNAL)
        .read()
        .filter((j) => j.action === 'отзыв согласия'),
    ).toHaveLength(3);
    expect(checkIntegrity(b.master, b.books).problems).toEqual([]);
    // Idempotent, and no letter at any later step.
    expect(withdrawConsent(b.deps, { email: 'x', role: 'system' }, '2026-000001', OWNER)).toMatchObject({ ok: true, value: { withdrawn: [], letters: 0 } });
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const outcomes = ['2026-000001', '2026-000004'].map((id) => ({ id, outcome: 'completed' as const, reason: '' }));
    expect(completeGroup(b.deps, leader, { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
    expect(archiveGroup(b.deps, leader, 'ОМ-01-2026-01').ok).toBe(true);
    const after = b.master.table(OUTBOX).ids();
    expect(after).toContain('2026-000004/завершил обучение');
    expect(after).not.toContain('2026-000001/завершил обучение');
  });

  it('refuses an unknown application', () => {
    const b = bank();
    expect(withdrawConsent(b.deps, { email: sector.email, role: 'sector' }, '2026-000099', OWNER)).toEqual({
      ok: false,
      error: 'Заявки 2026-000099 нет в «Реестре заявок».',
    });
  });
});

describe('retention at the yearly rollover', () => {
  it('anonymises archived rows of people who withdrew consent, and rows older than the retention period; statistics keep their dimensions', () => {
    const b = bank();
    withdrawConsent(b.deps, { email: sector.email, role: 'sector' }, '2026-000001', OWNER);
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const outcomes = ['2026-000001', '2026-000004'].map((id) => ({ id, outcome: 'completed' as const, reason: '' }));
    expect(completeGroup(b.deps, leader, { group: 'ОМ-01-2026-01', outcomes }).ok).toBe(true);
    expect(archiveGroup(b.deps, leader, 'ОМ-01-2026-01').ok).toBe(true);
    const period = { from: '2026-01-01', to: '2026-12-31', subdivision: '' };
    const before = computeStatistics(b.master, b.books, sector, period);

    // January 2027: nothing is old enough yet (5 years), but the person who withdrew consent is anonymised.
    b.clock.t = new Date(2027, 0, 15, 10).getTime();
    const r = rolloverArchive({ ...b.deps }, sector, 2027);
    expect(r).toMatchObject({ ok: true, value: { anonymised: 3 } });
    const year = b.books.open(
      String(
        b.master
          .table(SETTINGS)
          .read()
          .find((s) => s.key === 'archive.2026')?.value,
      ),
    );
    const archived = new Map(
      year
        .table(ARCHIVE)
        .read()
        .map((x) => [String(x.id), x]),
    );
    expect(archived.get('2026-000001')).toMatchObject({
      lastName: '',
      firstName: '',
      snils: '',
      email: '',
      birthDate: '',
      sex: 'мужской',
      territory: 'perm',
      position: 'учитель',
      ageBand: '45–49',
    });
    expect(archived.get('2026-000001')?.anonymisedAt).toBeInstanceOf(Date);
    expect(archived.get('2026-000004')).toMatchObject({ lastName: anApplication(4).lastName, anonymisedAt: '' });
    const ledger = new Map(
      year
        .table(LEDGER)
        .read()
        .map((x) => [String(x.id), x]),
    );
    expect(ledger.get('2026-000001')).toMatchObject({ snils: '', personKey: '', email: '' });
    // Their letters keep the subject only.
    const letters = b.master
      .table(OUTBOX)
      .read()
      .filter((l) => String(l.id).startsWith('2026-000001/'));
    expect(letters.length).toBeGreaterThan(0);
    for (const l of letters) expect([l.to, l.body]).toEqual(['', '']);
    expect(computeStatistics(b.master, b.books, sector, period)).toEqual(before);

    // Five years on (retention 5): everything archived in 2026 is anonymised; a second run changes nothing.
    setSetting(b.master.table(SETTINGS), 'retentionYears', '5');
    b.clock.t = new Date(2032, 0, 15, 10).getTime();
    expect(rolloverArchive({ ...b.deps }, sector, 2027)).toMatchObject({ ok: true, value: { anonymised: 1 } });
    expect(
      year
        .table(ARCHIVE)
        .read()
        .every((x) => x.lastName === '' && x.anonymisedAt instanceof Date),
    ).toBe(true);
    expect(rolloverArchive({ ...b.deps }, sector, 2027)).toMatchObject({ ok: true, value: { anonymised: 0 } });
  });

  it('goes on when a yearly archive cannot be opened (another sector member’s file), and says so in «Журнал»', () => {
    const b = bank();
    setSetting(b.master.table(SETTINGS), 'archive.2020', 'not-shared-with-me');
    b.clock.t = new Date(2027, 0, 15, 10).getTime();
    expect(rolloverArchive({ ...b.deps }, sector, 2027).ok).toBe(true);
    const note = b.master
      .table(JOURNAL)
      .read()
      .find((j) => j.action === 'обезличивание: архив недоступен');
    expect(String(note?.reason)).toMatch(/^2020: /);
  });
});
