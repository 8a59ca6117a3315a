// Every RPC function as every role, with valid and malformed arguments: who is allowed is exactly what the design says.
import { PROTECTED_RU } from '../../src/app/errors';
import { NOT_AS_YOURSELF } from '../../src/app/rpc';
import { ACCESS } from '../../src/core/sheets/master';
import { NO_ACCESS_MESSAGE } from '../../src/core/use-cases/current-user';
import { anApplication } from '../builders';
import { fire, OWNER } from './bank-fixture';
import { callAs, courseInput, staffBank, USERS, type Who } from './staff-fixture';

type Spec = { fn: string; allowed: Who[]; valid: unknown; malformed: unknown };

const ALL: Who[] = ['sector', 'head', 'leader', 'otherLeader', 'methodist', 'stranger', 'anonymous'];
const SPECS: Spec[] = [
  // A hidden address cannot be told from a web app's visitor executing as the owner: even «Справка» refuses it.
  { fn: 'getHelpInfo', allowed: ALL.filter((w) => w !== 'anonymous'), valid: {}, malformed: { x: 1 } },
  { fn: 'getLeaderOverview', allowed: ['sector', 'head', 'leader', 'otherLeader'], valid: {}, malformed: { all: true } },
  { fn: 'getCourse', allowed: ['sector', 'head', 'leader', 'otherLeader'], valid: { code: 'ОМ-01' }, malformed: { code: 42 } },
  { fn: 'saveCourse', allowed: ['sector', 'leader', 'otherLeader'], valid: courseInput(), malformed: { ...courseInput(), quotas: 'все' } },
  {
    fn: 'setEnrolment',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { code: 'ОМ-01', state: 'закрыт' },
    malformed: { code: 'ОМ-01', state: 'навсегда' },
  },
  { fn: 'getAttendance', allowed: ['sector', 'leader', 'otherLeader'], valid: { code: 'ОМ-01' }, malformed: {} },
  {
    fn: 'formGroup',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { code: 'ОМ-01', present: ['2026-000001'] },
    malformed: { code: 'ОМ-01', present: ['=1+1'] },
  },
  {
    fn: 'addLateArrivals',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { code: 'ОМ-01', group: 'ОМ-01-2026-01', ids: ['2026-000002'] },
    malformed: { code: 'ОМ-01', group: '', ids: [] },
  },
  { fn: 'withdrawApplication', allowed: ['sector', 'leader', 'otherLeader'], valid: { id: '2026-000003', reason: 'болезнь' }, malformed: { id: 'all' } },
  {
    fn: 'undoMark',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { id: '2026-000003', reason: 'ошибочная отметка' },
    malformed: { id: '2026-000003', reason: '' },
  },
  { fn: 'getGroupCompletion', allowed: ['sector', 'leader', 'otherLeader'], valid: { group: 'ОМ-01-2026-01' }, malformed: { group: 7 } },
  {
    fn: 'correctLearner',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { id: '2026-000001', snils: '112-233-445 95' },
    malformed: { id: '2026-000001', role: 'sector' },
  },
  {
    fn: 'completeGroup',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { group: 'ОМ-01-2026-01', outcomes: [{ id: '2026-000001', outcome: 'completed', reason: '' }] },
    malformed: { group: 'ОМ-01-2026-01', outcomes: [{ id: '2026-000001', outcome: 'отлично' }] },
  },
  { fn: 'archiveGroup', allowed: ['sector', 'leader', 'otherLeader'], valid: { group: 'ОМ-01-2026-01' }, malformed: {} },
  {
    fn: 'exportFrdo',
    allowed: ['sector', 'leader', 'otherLeader'],
    valid: { from: '2026-01-01', to: '2026-12-31', subdivision: '' },
    malformed: { from: '01.01.2026', to: '2026-12-31' },
  },
  { fn: 'generateDocuments', allowed: ['sector', 'leader', 'otherLeader'], valid: { group: 'ОМ-01-2026-01' }, malformed: { group: '' } },
  { fn: 'rolloverArchive', allowed: ['sector'], valid: { beforeYear: 2025 }, malformed: { beforeYear: '2025' } },
  { fn: 'getControlBoard', allowed: ['sector', 'head'], valid: {}, malformed: { all: true } },
  { fn: 'withdrawConsent', allowed: ['sector'], valid: { id: '2026-000005' }, malformed: { id: '2026-5' } },
  {
    fn: 'refreshStatistics',
    allowed: ['sector'],
    valid: { from: '2026-01-01', to: '2026-12-31', subdivision: '' },
    malformed: { from: '2026', to: '2026-12-31' },
  },
  {
    fn: 'getStatistics',
    allowed: ['sector', 'head', 'leader', 'otherLeader'],
    valid: { from: '2026-01-01', to: '2026-12-31', subdivision: '' },
    malformed: { from: 5 },
  },
  { fn: 'getAccessList', allowed: ['sector', 'head'], valid: {}, malformed: { role: 'sector' } },
  {
    fn: 'grantAccess',
    allowed: ['sector', 'head'],
    valid: { email: 'new.lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Новый' },
    malformed: { email: 'x@y.ru', role: 'admin' },
  },
  { fn: 'revokeAccess', allowed: ['sector', 'head'], valid: { email: 'spare.lead@iro.perm.ru' }, malformed: { email: 1 } },
  { fn: 'saveSubdivision', allowed: ['sector'], valid: { code: 'НО', name: 'Новый отдел' }, malformed: { code: 'НО' } },
  {
    fn: 'saveTerritory',
    allowed: ['sector'],
    valid: { code: 'perm', name: 'Пермский городской округ', active: true },
    malformed: { code: 'perm', name: 'x', active: 'да' },
  },
];

describe('RPC role matrix (through build/Code.js)', () => {
  const b = staffBank();
  b.admit([1, 2, 3].map((n) => anApplication(n)));
  const fresh = () => b; // one bank: calls that change data are checked for their role gate, not their effect

  it('covers every RPC function the bundle exports', () => {
    const rpcNames = Object.keys(b.code.__ebppk)
      // doGet/doPost are the web app's status page (its own test, test/gas/status-page.test.ts), not a sidebar's.
      .filter((n) => !n.endsWith('_') && n !== 'onOpen' && n !== 'doGet' && n !== 'doPost')
      .sort();
    expect(SPECS.map((s) => s.fn).sort()).toEqual(rpcNames);
  });

  for (const spec of SPECS) {
    for (const who of ALL) {
      const allowed = spec.allowed.includes(who);
      it(`${spec.fn} as ${who}: ${allowed ? 'allowed, and malformed arguments are refused' : 'refused'}`, () => {
        const bank = fresh();
        const bad = callAs(bank, who, spec.fn, spec.malformed);
        if (!allowed) {
          expect(bad.ok).toBe(false);
          expect(bad.error).toBe(
            who === 'stranger' || who === 'anonymous' || who === 'methodist'
              ? who === 'methodist'
                ? 'Это действие недоступно для вашей роли.'
                : NO_ACCESS_MESSAGE
              : 'Это действие недоступно для вашей роли.',
          );
          const good = callAs(bank, who, spec.fn, spec.valid);
          expect(good.ok).toBe(false);
          return;
        }
        expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^Неверные данные: /) });
        const good = callAs(bank, who, spec.fn, spec.valid);
        // Allowed: either done, or refused for a domain reason (scope, stage) — never for the role.
        if (!good.ok) expect(good.error).not.toMatch(/недоступно для вашей роли|^Нет доступа|^Неверные данные/);
      });
    }
  }

  it('a leader of another subdivision cannot see or touch the ОМ course', () => {
    const bank = fresh();
    expect(callAs(bank, 'otherLeader', 'getCourse', { code: 'ОМ-01' })).toEqual({ ok: false, error: 'Курс не найден в вашем подразделении.' });
    expect(callAs(bank, 'otherLeader', 'setEnrolment', { code: 'ОМ-01', state: 'закрыт' })).toEqual({
      ok: false,
      error: 'Курс не найден в вашем подразделении.',
    });
    expect(callAs(bank, 'otherLeader', 'formGroup', { code: 'ОМ-01', present: ['2026-000001'] })).toEqual({
      ok: false,
      error: 'Курс не найден в вашем подразделении.',
    });
    expect(callAs(bank, 'otherLeader', 'saveCourse', courseInput({ code: 'ОМ-01' }))).toMatchObject({
      ok: false,
      fields: { code: 'Курс с этим шифром принадлежит другому подразделению' },
    });
    const overview = callAs(bank, 'otherLeader', 'getLeaderOverview', {});
    expect(overview.value.courses.map((c: { code: string }) => c.code)).not.toContain('ОМ-01');
  });

  it('a head (an editor of the master, as before cabinets) cannot change «Доступ» there: the sheet is the sector’s', () => {
    const bank = fresh();
    expect(callAs(bank, 'head', 'grantAccess', { email: 'x@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'X' })).toMatchObject({
      ok: false,
      error: PROTECTED_RU,
    });
    expect(bank.master.table(ACCESS).ids()).not.toContain('x@iro.perm.ru');
    // Reading is still the head's own subdivision only (heads grant from their cabinet: test/gas/cabinets.test.ts).
    const list = callAs(bank, 'head', 'getAccessList', {});
    expect(list.value.entries.every((e: { role: string; scope: string }) => e.role === 'leader' && e.scope === 'ОМ')).toBe(true);
  });

  it('a web app executing as the owner cannot lend the owner to a visitor: every function refuses, with its valid arguments, and writes nothing', () => {
    const bank = staffBank();
    bank.admit([1, 2, 3].map((n) => anApplication(n)));
    const journalRows = () => bank.ss.sheet('Журнал').dump().length;
    const before = journalRows();
    for (const spec of SPECS) {
      for (const [visitor, refusal] of [
        [USERS.leader, NOT_AS_YOURSELF],
        [USERS.head, NOT_AS_YOURSELF],
        [USERS.methodist, NOT_AS_YOURSELF],
        ['', NO_ACCESS_MESSAGE],
      ]) {
        bank.gas.Session.visitWebApp(OWNER, visitor);
        const r = JSON.parse(JSON.stringify(bank.code[spec.fn](JSON.parse(JSON.stringify(spec.valid)))));
        expect({ fn: spec.fn, visitor, r }).toEqual({ fn: spec.fn, visitor, r: { ok: false, error: refusal } });
      }
    }
    expect(journalRows()).toBe(before);
    expect(bank.ss.toasts).toEqual([]);
    // The same people in their own executions (a sidebar runs as the clicker) and the owner's job work as before.
    expect(callAs(bank, 'leader', 'getLeaderOverview', {}).ok).toBe(true);
    expect(callAs(bank, 'sector', 'getAccessList', {}).ok).toBe(true);
    expect(() => fire(bank, 'runJob_')).not.toThrow();
    expect(
      bank.ss
        .sheet('Журнал')
        .dump()
        .some((r) => String(r[2]).startsWith('ошибка')),
    ).toBe(false);
  });

  it('a Date argument fails as it does through google.script.run', () => {
    expect(() => callAs(b, 'sector', 'saveCourse', { ...courseInput(), startDate: new Date(2026, 9, 5) })).toThrow(/Date arguments/);
  });
});
