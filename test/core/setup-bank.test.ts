import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import { CONSENT_TEXT, CONSENT_VERSION } from '../../src/core/intake/form-spec';
import { ACCESS, JOURNAL, MASTER_SHEETS, SETTINGS, TERRITORIES } from '../../src/core/sheets/master';
import { DUTIES } from '../../src/core/use-cases/control';
import { SETUP_FORBIDDEN, setupBank, type TriggerSpec } from '../../src/core/use-cases/setup-bank';
import { SCHEMA_VERSION } from '../../src/core/version';

const clock = { now: () => new Date(2026, 10, 28, 10, 0) };
const fakeTriggers = () => {
  const installed: string[] = [];
  return {
    installed,
    ensure: (specs: readonly TriggerSpec[]) => specs.filter((s) => !installed.includes(s.handler)).map((s) => (installed.push(s.handler), s.handler)),
  };
};
const specs: TriggerSpec[] = [{ handler: 'job_', kind: 'clock', everyMinutes: 5 }];

describe('setupBank', () => {
  it('creates every master sheet, seeds 43 territories, makes the installer the first sector user', () => {
    const master = new MemoryWorkbook();
    const r = setupBank({ master, clock, actor: 'owner@iro.ru', triggers: fakeTriggers(), triggerSpecs: specs });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.createdSheets).toEqual(MASTER_SHEETS.map((s) => s.name));
    expect(master.table(TERRITORIES).read()).toHaveLength(43);
    expect(master.table(ACCESS).read()).toEqual([
      { email: 'owner@iro.ru', role: 'sector', scope: '', name: 'владелец банка', active: true, phone: '', noDigest: false },
    ]);
    expect(master.table(SETTINGS).read()).toEqual([
      { key: 'schemaVersion', value: SCHEMA_VERSION, about: 'Версия структуры банка. Ставит «ЕБППК → Настроить банк»; не меняйте.' },
      { key: 'consentVersion', value: CONSENT_VERSION, about: expect.stringMatching(/^Редакция действующего текста согласия/) },
      { key: 'consentText', value: CONSENT_TEXT, about: expect.stringMatching(/^Действующий текст согласия/) },
      { key: 'retentionYears', value: '5', about: expect.stringMatching(/^Сколько лет после курса/) },
      { key: 'undoDays', value: '14', about: expect.stringMatching(/^Сколько дней руководитель может исправить/) },
      // Every key says in Russian what it is (issue 18): the control deadlines from their duty's title and rule.
      ...DUTIES.map((d) => ({ key: `control.${d.key}Days`, value: String(d.days), about: `Контроль, N дней: «${d.title}» — ${d.rule}.` })),
    ]);
    expect(r.ok && r.value.installedTriggers).toEqual(['job_']);
  });

  it('changes nothing when run twice', () => {
    const master = new MemoryWorkbook();
    const triggers = fakeTriggers();
    setupBank({ master, clock, actor: 'owner@iro.ru', triggers, triggerSpecs: specs });
    const before = JSON.stringify([...master.grids.values()].map((g) => g.rows));
    const r = setupBank({ master, clock, actor: 'owner@iro.ru', triggers, triggerSpecs: specs });
    expect(r.ok && r.value).toMatchObject({ createdSheets: [], addedColumns: [], addedTerritories: 0, installedTriggers: [], bootstrapSector: '' });
    expect(JSON.stringify([...master.grids.values()].map((g) => g.rows))).toBe(before);
    expect(master.table(JOURNAL).read()).toHaveLength(1);
  });

  it('completes an older bank: adds a missing sheet and column, keeps the data', () => {
    const master = new MemoryWorkbook();
    setupBank({ master, clock, actor: 'owner@iro.ru', triggers: fakeTriggers(), triggerSpecs: [] });
    master.grids.delete('Журнал');
    const terr = master.grid('Территории');
    const col = terr.rows[0].indexOf('Вид');
    terr.rows = terr.rows.map((r) => r.filter((_, i) => i !== col));
    terr.rows[1][1] = 'Пермь (переименовано сектором)';
    const r = setupBank({ master, clock, actor: 'owner@iro.ru', triggers: fakeTriggers(), triggerSpecs: [] });
    expect(r.ok && r.value.createdSheets).toEqual(['Журнал']);
    expect(r.ok && r.value.addedColumns).toEqual(['Территории / Вид']);
    const rows = master.table(TERRITORIES).read();
    expect(rows).toHaveLength(43);
    expect(rows[0]).toMatchObject({ code: 'perm', name: 'Пермь (переименовано сектором)', kind: '' });
  });

  it('refuses anyone but the sector once a sector user exists', () => {
    const master = new MemoryWorkbook();
    setupBank({ master, clock, actor: 'owner@iro.ru', triggers: fakeTriggers(), triggerSpecs: [] });
    master.table(ACCESS).append([{ email: 'lead@iro.ru', role: 'leader', scope: 'ОМ', name: '', active: true }]);
    const before = JSON.stringify([...master.grids.values()].map((g) => g.rows));
    const r = setupBank({ master, clock, actor: 'lead@iro.ru', triggers: fakeTriggers(), triggerSpecs: [] });
    expect(r).toEqual({ ok: false, error: SETUP_FORBIDDEN });
    expect(JSON.stringify([...master.grids.values()].map((g) => g.rows))).toBe(before);
  });

  it('refuses to bootstrap when Google does not tell who is running it', () => {
    const r = setupBank({ master: new MemoryWorkbook(), clock, actor: '', triggers: fakeTriggers(), triggerSpecs: [] });
    expect(r.ok).toBe(false);
  });
});
