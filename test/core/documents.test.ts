// The group's documents as a provider expects them (issue 18): certificate numbers follow the alphabetical list, the
// forms agree with the recorded sex, the orders carry a number and the leader's name, the certificate its blank number;
// setup brings an unedited template of an earlier version up to date and leaves an edited one alone.
import { DEFAULT_TEMPLATES, PREVIOUS_DEFAULTS } from '../../src/core/documents/default-templates';
import { tableCsv } from '../../src/core/documents/render';
import { ACCESS, LEDGER, PROVIDER_BANK, SETTINGS, TEMPLATES } from '../../src/core/sheets/master';
import { completeGroup } from '../../src/core/use-cases/completion';
import { generateDocuments } from '../../src/core/use-cases/documents';
import { formGroup } from '../../src/core/use-cases/groups';
import { setupBank } from '../../src/core/use-cases/setup-bank';
import { anApplication, memoryBank, noLock } from '../builders';

const leader = { email: 'lead@iro.perm.ru', role: 'leader' as const, scope: 'ОМ', name: '' };

describe('group documents', () => {
  it('numbers certificates alphabetically, says прошёл / прошла, numbers the orders, signs with the leader, prints the blank', () => {
    const b = memoryBank();
    b.master.table(ACCESS).append([{ email: 'lead@iro.perm.ru', role: 'leader', scope: 'ОМ', name: 'Лидия Петровна Иванова', active: true }]);
    b.master.table(SETTINGS).append([
      { key: 'blankNext', value: '590400001' },
      { key: 'blankTo', value: '590400100' },
    ]);
    // Arrival order is not the alphabet: Яковлева applied first.
    const apps = [
      anApplication(1, { lastName: 'Яковлева', firstName: 'Юлия', sex: 'женский', stage: 'provider' }),
      anApplication(2, { lastName: 'Антонов', firstName: 'Алексей', sex: 'мужской', stage: 'provider' }),
      anApplication(3, { lastName: 'Борисова', firstName: 'Вера', sex: 'женский', stage: 'provider' }),
    ];
    b.master.table(LEDGER).append(apps);
    b.master.table(PROVIDER_BANK).append(apps);
    const deps = { master: b.master, clock: b.clock, lock: noLock, properties: b.properties };
    b.clock.t = new Date(2026, 9, 5, 10).getTime();
    expect(formGroup(deps, leader, 'ОМ-01', ['2026-000001', '2026-000002', '2026-000003']).ok).toBe(true);
    b.clock.t = new Date(2026, 9, 9, 16).getTime();
    const outcomes = ['2026-000001', '2026-000002', '2026-000003'].map((id) => ({ id, outcome: 'completed' as const, reason: '' }));
    const done = completeGroup(deps, leader, { group: 'ОМ-01-2026-01', outcomes });
    expect(done.ok).toBe(true);
    const saved = new Map<string, string>();
    const r = generateDocuments(
      { ...deps, documents: { save: (_f, name, html) => (saved.set(name, html), name), saveTable: () => '' } },
      leader,
      'ОМ-01-2026-01',
    );
    expect(r.ok).toBe(true);
    const html = (prefix: string) => [...saved.entries()].find(([n]) => n.startsWith(prefix))?.[1] ?? '';
    const certificates = html('Удостоверения');
    const order = ['Антонов', 'Борисова', 'Яковлева'].map((n) => certificates.indexOf(n));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    const numbers = [...certificates.matchAll(/Регистрационный номер (\d{4}\/\d{5})/g)].map((m) => m[1]);
    expect(numbers).toEqual([...numbers].sort());
    expect(certificates).toContain('Антонов Алексей Петровна</b></p>\n<p>с 05.10.2026 по 09.10.2026 прошёл повышение');
    expect(certificates).toMatch(/Борисова Вера Петровна<\/b><\/p>\n<p>с 05.10.2026 по 09.10.2026 прошла повышение/);
    expect(certificates).not.toContain('(а)');
    expect(certificates).toMatch(/Бланк № 5904000\d\d/);
    expect(html('Приказ об отчислении')).toContain('ПРИКАЗ № ОМ-01-2026-01/О');
    expect(html('Приказ о зачислении')).toContain('ПРИКАЗ № ОМ-01-2026-01/З');
    expect(html('Приказ о зачислении')).toContain('Руководитель курсов ____________________ Лидия Петровна Иванова');
  });

  it('setup replaces an unedited earlier default, never an edited template', () => {
    const b = memoryBank();
    const old = PREVIOUS_DEFAULTS.certificates?.[0] ?? '';
    expect(old).toContain('прошёл(а)');
    b.master.table(TEMPLATES).updateByIds(
      new Map([
        ['certificates', { html: old }],
        ['enrolment-order', { html: '<p>Свой приказ</p>' }],
      ]),
    );
    setupBank({ master: b.master, clock: b.clock, actor: 'owner@iro.perm.ru', triggers: { ensure: () => [] }, triggerSpecs: [] });
    const t = new Map(
      b.master
        .table(TEMPLATES)
        .read()
        .map((x) => [String(x.key), String(x.html)]),
    );
    expect(t.get('certificates')).toBe(DEFAULT_TEMPLATES.certificates);
    expect(t.get('enrolment-order')).toBe('<p>Свой приказ</p>');
  });
});

describe('a table as CSV for Russian Excel', () => {
  it('puts «;» between cells, quotes what needs it, and starts with the byte-order mark', () => {
    expect(
      tableCsv([
        ['Фамилия', 'Организация'],
        ['Иванова', 'МАОУ «СОШ; № 1»'],
        ['О"Нил', 'две\nстроки'],
      ]),
    ).toBe('\uFEFFФамилия;Организация\r\nИванова;"МАОУ «СОШ; № 1»"\r\n"О""Нил";"две\nстроки"\r\n');
  });

  it('never hands Excel a formula: a cell starting with =, +, - or @ gets an apostrophe', () => {
    expect(tableCsv([['=HYPERLINK("http://x";"y")', '+7', '@a', '-1', '112-233-445 95']])).toBe(
      `\uFEFF"'=HYPERLINK(""http://x"";""y"")";'+7;'@a;'-1;112-233-445 95\r\n`,
    );
  });
});
