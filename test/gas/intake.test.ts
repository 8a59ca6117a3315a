import * as fc from 'fast-check';
import { SpreadsheetWorkbook } from '../../src/adapters/spreadsheet-app/spreadsheet-workbook';
import { CONSENT_CHOICE, FORM_ITEMS } from '../../src/core/intake/form-spec';
import { COURSES, LEDGER, QUARANTINE, RESPONSE_LOG } from '../../src/core/sheets/master';
import { METHODIST_BANK } from '../../src/core/sheets/territory';
import { anApplication } from '../builders';
import type { FakeForm } from '../fakes/form-app';
import { cellsRead, fire, type GasBank, gasBank } from './bank-fixture';

const titleOf = (key: string) => (FORM_ITEMS.find((i) => i.key === key) as { title: string }).title;
const form = (b: GasBank): FakeForm => [...b.gas.FormApp.forms.values()][0];

const teacher = (over: Record<string, string> = {}): Record<string, string> => {
  const a: Record<string, string> = {
    lastName: 'смирнова',
    firstName: 'ольга',
    middleName: '',
    email: 'O.Smirnova@school.ru',
    phone: '+7 (902) 765-43-21',
    territory: 'Пермский городской округ',
    organization: 'МАОУ «Гимназия № 2»',
    position: 'учитель',
    course: 'ОМ-01 — Курс ОМ-01 (05.10.2026–09.10.2026)',
    birthDate: '1979-03-08',
    sex: 'женский',
    snils: '112-233-445 95',
    educationLevel: 'высшее',
    diplomaLastName: '',
    consent: CONSENT_CHOICE,
    ...over,
  };
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [titleOf(k), v]));
};

const openForm = (b: GasBank) => {
  // Open enrolment is what the Form lists: setup ran before the courses existed, so refresh the lists.
  b.code.setupBank_();
};

describe('the Form through build/Code.js', () => {
  it('setup creates the Form once, with every item, linked to «Ответы формы», and one form-submit trigger', () => {
    const b = gasBank();
    const f = form(b);
    expect(b.gas.FormApp.forms.size).toBe(1);
    expect(f.title).toBe('Заявка на курсы повышения квалификации');
    expect(f.items.map((i) => i.title)).toEqual(FORM_ITEMS.map((i) => i.title));
    expect(f.item('Должность').other).toBe(true);
    expect(f.item('Территория (муниципальное образование)').choices).toHaveLength(43);
    expect(f.item('Курс').choices).toEqual(['ОМ-01 — Курс ОМ-01 (05.10.2026–09.10.2026)', 'ОМ-02 — Курс ОМ-02 (05.10.2026–09.10.2026)']);
    expect(b.ss.sheet('Ответы формы').dump()[0][0]).toBe('Отметка времени');
    expect(b.gas.ScriptApp.triggers.map((t) => [t.handler, t.kind])).toEqual([
      ['runJob_', 'CLOCK'],
      ['onFormSubmit_', 'ON_FORM_SUBMIT'],
      ['onMasterEdit_', 'ON_EDIT'],
    ]);
    expect(
      b.ss
        .sheet('Настройки')
        .dump()
        .map((r) => r[0]),
    ).toEqual(expect.arrayContaining(['formId', 'formUrl']));
  });

  it('the Form itself refuses a malformed or oversized answer, in Russian (text items carry a pattern or a length rule)', () => {
    const b = gasBank();
    const f = form(b);
    expect(f.item('Образовательная организация').validation).toEqual({ kind: 'maxLength', max: 300, help: 'Не длиннее 300 символов' });
    expect(f.item('Адрес электронной почты').validation).toMatchObject({ kind: 'email' });
    expect(f.item('СНИЛС').validation).toMatchObject({ kind: 'pattern', help: 'СНИЛС: 11 цифр, например 112-233-445 95' });
    expect(() => b.gas.FormApp.submit(f, teacher({ organization: 'Я'.repeat(301) }))).toThrow('Answer too long');
    expect(() => b.gas.FormApp.submit(f, teacher({ lastName: 'Я'.repeat(101) }))).toThrow('Фамилия: только буквы');
    expect(() => b.gas.FormApp.submit(f, teacher({ lastName: '=HYPERLINK("x")' }))).toThrow('Фамилия: только буквы');
    expect(() => b.gas.FormApp.submit(f, teacher({ snils: '123-456' }))).toThrow('СНИЛС: 11 цифр');
    expect(() => b.gas.FormApp.submit(f, teacher({ phone: '12-34' }))).toThrow('Телефон: 10 цифр');
    expect(f.responsesSheet?.dump().length).toBe(1); // only the header: nothing reached «Ответы формы»
    // The ways people write them pass: the bank normalises after.
    for (const [phone, snils] of [
      ['8 (902) 765-43-21', '112 233 445 95'],
      ['+7-902-765-43-21', '11223344595'],
      ['9027654321', ' 112-233-445 95 '],
    ])
      b.gas.FormApp.submit(f, teacher({ phone, snils }));
    expect(f.responsesSheet?.dump().length).toBe(4);
  });

  it('after «Отправить» the Form says what happens next and links the status page; an older Form gets the rules and the text', () => {
    const b = gasBank();
    const f = form(b);
    expect(f.confirmation).toMatch(/^Заявка отправлена\. .*письмо с номером заявки/);
    // An older Form: no rule on «СНИЛС», no confirmation; the web app is redeployed since. Setup brings both.
    f.item('СНИЛС').validation = null;
    f.confirmation = '';
    b.gas.ScriptApp.webAppUrl = 'https://script.google.com/macros/s/abc/exec';
    b.code.setupBank_(); // the owner, from the menu
    expect(f.item('СНИЛС').validation).toMatchObject({ kind: 'pattern' });
    expect(f.confirmation).toContain('Узнать, что с заявкой: https://script.google.com/macros/s/abc/exec');
  });

  it('a submitted response becomes exactly one application in the Perm piggy bank, with a ledger row, a journal row and a queued letter', () => {
    const b = gasBank();
    openForm(b);
    b.gas.SpreadsheetApp.uiAvailable = false;
    const e = b.gas.FormApp.submit(form(b), teacher());
    fire(b, 'onFormSubmit_', e);
    const ledger = b.master.table(LEDGER).read();
    expect(ledger).toEqual([
      expect.objectContaining({ id: '2026-000001', lastName: 'Смирнова', phone: '+79027654321', email: 'o.smirnova@school.ru', responseId: '2' }),
    ]);
    const perm = new SpreadsheetWorkbook(b.book('perm') as never).table(METHODIST_BANK).read();
    expect(perm.map((r) => r.id)).toEqual(['2026-000001']);
    // The methodist reads the phone as people write it (issue 18); the ledger keeps +79027654321.
    expect(perm[0].phone).toBe('+7 (902) 765-43-21');
    expect(
      b.ss
        .sheet('Журнал')
        .dump()
        .some((r) => r[2] === 'заявка принята' && r[3] === '2026-000001'),
    ).toBe(true);
    expect(b.ss.sheet('Исходящие').dump()[1][0]).toBe('2026-000001/принята');
  });

  it('processing one response costs the same spreadsheet calls with 100 and with 20,000 applications in the bank', () => {
    const cost = (size: number) => {
      const b = gasBank();
      b.admit(Array.from({ length: size }, (_, i) => anApplication(i + 1, { territory: i % 2 ? 'kungursky' : 'perm' })));
      b.gas.properties.setProperty('EBPPK_SEQ_2026', String(size));
      const e = b.gas.FormApp.submit(form(b), teacher({ snils: '000-000-001 00' }));
      b.gas.calls.reset();
      const before = cellsRead(b);
      fire(b, 'onFormSubmit_', e);
      const cells = cellsRead(b) - before;
      expect(b.master.table(LEDGER).ids()).toHaveLength(size + 1);
      const s = b.gas.calls.snapshot();
      return { cells, calls: Object.fromEntries(Object.entries(s).filter(([k]) => /^(Range|Sheet|Spreadsheet|SpreadsheetApp|TextFinder|Sheets)\./.test(k))) };
    };
    const small = cost(100);
    const large = cost(20000);
    expect(large.calls).toEqual(small.calls);
    // The applicant's records and the reserved id are looked up in the ledger (issue 19), not its columns read.
    expect(large.cells).toBe(small.cells);
    expect(small.calls['TextFinder.findAll']).toBeGreaterThan(0);
    // Headers and small sheets: «Курсы», «Территории», «Шаблоны писем», «Настройки» … (one each)
    expect(small.calls['Range.getValues']).toBeLessThanOrEqual(13);
    // Appends (the ledger, the territory's piggy bank, the journal, the outbox, the response log) are one Sheets API
    // request each: values, formats and validation together.
    expect(small.calls['Sheets.batchUpdate']).toBeLessThanOrEqual(6);
    expect(small.calls['Range.setNumberFormats'] ?? 0).toBe(0);
    expect(small.calls['Range.setDataValidations'] ?? 0).toBe(0);
    expect((small.calls['Range.setValues'] ?? 0) + small.calls['Sheets.batchUpdate']).toBeLessThanOrEqual(6);
  }, 60000);

  it('a response the trigger could not process (bank busy) is picked up by the job, once', () => {
    const b = gasBank();
    const e = b.gas.FormApp.submit(form(b), teacher());
    b.gas.LockService.busy = true;
    fire(b, 'onFormSubmit_', e);
    expect(b.master.table(LEDGER).ids()).toEqual([]);
    b.gas.LockService.busy = false;
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    expect(b.master.table(LEDGER).ids()).toEqual(['2026-000001']);
    expect(b.master.table(RESPONSE_LOG).ids()).toEqual(['2']);
  });

  it('the sweep reads only the rows the log lacks, not the whole «Ответы формы» (issue 19)', () => {
    const b = gasBank();
    b.gas.SpreadsheetApp.uiAvailable = false;
    for (let i = 0; i < 30; i++) fire(b, 'onFormSubmit_', b.gas.FormApp.submit(form(b), teacher({ email: `t${i}@school.ru` })));
    const missed = b.gas.FormApp.submit(form(b), teacher());
    b.gas.LockService.busy = true;
    fire(b, 'onFormSubmit_', missed);
    b.gas.LockService.busy = false;
    const sheet = b.ss.sheet('Ответы формы');
    const log = b.ss.sheet('Обработка ответов');
    const before = sheet.cellsRead;
    const logBefore = log.cellsRead;
    fire(b, 'runJob_');
    expect(b.master.table(RESPONSE_LOG).ids()).toContain('32');
    // The header and the one missed row (16 columns each), whatever the number of responses before it.
    expect(sheet.cellsRead - before).toBeLessThanOrEqual(2 * 16);
    // The log is searched for the rows after the sweep's cursor (none yet: all 32) and only the rows found are read
    // (a few cells each; the id column is not read).
    expect(log.cellsRead - logBefore).toBeLessThan(32 * 8);
    // The next runs start after the last response: neither sheet is read again, however long they grow (the log's
    // header comes with the bank's other headers in the job's one request).
    const after = sheet.cellsRead + log.cellsRead;
    fire(b, 'runJob_');
    expect(sheet.cellsRead + log.cellsRead - after).toBeLessThanOrEqual(5);
  });

  it('enrolment closes by itself on the course’s first day, and the Form stops listing it in the same run', () => {
    const b = gasBank();
    openForm(b);
    const choices = () => form(b).items.find((i) => i.title === titleOf('course'))?.choices ?? [];
    expect(choices().some((c) => c.startsWith('ОМ-01 —'))).toBe(true);
    b.gas.SpreadsheetApp.uiAvailable = false;
    b.gas.Clock.set(2026, 9, 5, 0, 10);
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(
      b.master
        .table(COURSES)
        .read()
        .map((c) => [c.code, c.enrolment]),
    ).toEqual([
      ['ОМ-01', 'закрыт'],
      ['ОМ-02', 'закрыт'],
    ]);
    expect(choices().some((c) => c.startsWith('ОМ-01 —'))).toBe(false);
    // Later runs that day read nothing more for it.
    fire(b, 'runJob_');
    b.gas.calls.reset();
    fire(b, 'runJob_');
    expect(b.gas.calls.total()).toBeLessThanOrEqual(28);
  });

  it('the sweep keeps what the teacher typed in digit-only answers, exactly as the trigger does', () => {
    // Google writes a digit-only answer into the response sheet as a number («+79027654321» → 79027654321, «007» → 7)
    // unless the column is plain text: the sweep reads the sheet, the trigger the event's text.
    const answers = teacher({ phone: '+79027654321', snils: '01122334470', organization: '007' });
    const viaTrigger = gasBank();
    fire(viaTrigger, 'onFormSubmit_', viaTrigger.gas.FormApp.submit(form(viaTrigger), answers));
    const viaSweep = gasBank();
    viaSweep.gas.FormApp.submit(form(viaSweep), answers);
    fire(viaSweep, 'runJob_');
    const person = (b: GasBank) => {
      const rows = b.master.table(LEDGER).read();
      expect(
        b.master
          .table(QUARANTINE)
          .read()
          .map((q) => q.reasons),
      ).toEqual([]);
      expect(rows).toHaveLength(1);
      const { phone, snils, organization } = rows[0];
      return { phone, snils, organization };
    };
    expect(person(viaTrigger)).toEqual({ phone: expect.stringContaining('902'), snils: '011-223-344 70', organization: '007' });
    expect(person(viaSweep)).toEqual(person(viaTrigger));
  });

  it('interleaved submissions while another execution holds the lock: no duplicate ids, no lost rows', () => {
    const b = gasBank();
    const f = form(b);
    const events = Array.from({ length: 12 }, (_, i) =>
      b.gas.FormApp.submit(f, teacher({ email: `t${i}@s.ru`, snils: `000-000-${String(100 + i).padStart(3, '0')} 00` })),
    );
    // While execution #0 is inside its locked section (writing the ledger), executions #1..#11 fire.
    let fired = false;
    b.gas.calls.onHit = (name) => {
      if (name !== 'Range.setValues' || fired || !b.gas.LockService.held) return;
      fired = true;
      events.slice(1).forEach((e) => fire(b, 'onFormSubmit_', e));
    };
    fire(b, 'onFormSubmit_', events[0]);
    b.gas.calls.onHit = null;
    fire(b, 'runJob_');
    const ids = b.master.table(LEDGER).ids();
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(b.master.table(RESPONSE_LOG).ids().sort()).toEqual(events.map((e) => String(e.range.getRow())).sort());
  });

  it('600 random and hostile responses: each is accepted normalised or quarantined with a reason; no formula anywhere; nothing escapes', () => {
    const b = gasBank();
    const hostile = fc.oneof(
      fc.constantFrom(
        '=HYPERLINK("http://evil.example","жми")',
        '=1+1',
        '+79001234567',
        '@admin',
        '-5',
        '007',
        '01.09.2026',
        'TRUE',
        '',
        ' ',
        'x'.repeat(60000),
        '\u0000\u202e',
        '🙂',
      ),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    const field = (good: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: hostile });
    const base = teacher();
    const arb = fc.record(Object.fromEntries(Object.entries(base).map(([title, v]) => [title, field(v)])) as Record<string, fc.Arbitrary<string>>);
    let row = 1000;
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 99999 }), (named, n) => {
        const answers = {
          ...named,
          [titleOf('snils')]:
            named[titleOf('snils')] === base[titleOf('snils')]
              ? `000-0${String(n).padStart(5, '0')}-00 00`.replace(/^(\d{3})-(\d)(\d{2})(\d{3})-(\d{2}) (\d{2})$/, '$1-$2$3-$4$5 $6')
              : named[titleOf('snils')],
        };
        const e = { namedValues: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, [v]])), range: { getRow: () => ++row } };
        expect(() => fire(b, 'onFormSubmit_', e)).not.toThrow();
        const logged = b.master.table(RESPONSE_LOG).tail(1)[0];
        expect(logged.responseId).toBe(String(row));
        if (logged.outcome === 'на проверке') expect(String(logged.note).length).toBeGreaterThan(0);
        if (logged.outcome === 'принята') {
          const app = b.master.table(LEDGER).tail(1)[0];
          expect(app.phone).toMatch(/^\+7\d{10}$/);
          expect(app.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
          expect(app.lastName).toMatch(/^[A-ZА-ЯЁ]/);
          expect(app.email).toBe(String(app.email).toLowerCase());
        }
      }),
      { numRuns: 600, seed: 20261128 },
    );
    const formulas = [b.ss, ...[...b.gas.SpreadsheetApp.files.values()]].flatMap((s) => s.sheets.flatMap((sh) => sh.formulas()));
    expect(formulas).toEqual([]);
    const q = b.master.table(QUARANTINE).read();
    expect(q.length).toBeGreaterThan(100);
    expect(q.every((r) => String(r.reasons).length > 0)).toBe(true);
  }, 120000);
});
