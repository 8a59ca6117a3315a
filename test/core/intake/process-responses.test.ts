import { CONSENT_VERSION } from '../../../src/core/intake/form-spec';
import { processResponses, reprocessQuarantine } from '../../../src/core/intake/process-responses';
import { SWEEP_CURSOR, sweepResponses } from '../../../src/core/intake/sweep';
import { FORM_RESPONSES } from '../../../src/core/sheets/form-responses';
import { JOURNAL, LEDGER, OUTBOX, QUARANTINE, RESPONSE_LOG, TERRITORIES } from '../../../src/core/sheets/master';
import { METHODIST_BANK } from '../../../src/core/sheets/territory';
import { ensureTerritoryBooks } from '../../../src/core/use-cases/territory-books';
import { bookOf } from '../../builders';
import { intake, memoryBank, response } from './intake-fixture';

describe('processing Form responses', () => {
  it('accepts a valid response: one normalised application in the territory’s piggy bank, a ledger row, a journal row, a letter', () => {
    const b = memoryBank();
    const r = processResponses(intake(b), [response({}, '2')]);
    expect(r.accepted).toEqual([{ responseId: '2', applicationId: '2026-000001' }]);
    const ledger = b.master.table(LEDGER).read();
    expect(ledger).toEqual([
      expect.objectContaining({
        id: '2026-000001',
        stage: 'methodist',
        lastName: 'Иванова',
        firstName: 'Анна',
        middleName: 'Петровна',
        email: 'anna.ivanova@school.perm.ru',
        phone: '+79021234567',
        territory: 'perm',
        course: 'ОМ-01',
        snils: '112-233-445 95',
        consentVersion: CONSENT_VERSION,
        personKey: 'snils:11223344595',
        responseId: '2',
      }),
    ]);
    expect((ledger[0].birthDate as Date).getTime()).toBe(new Date(1985, 4, 17).getTime());
    expect(bookOf(b.master, b.books, 'perm').table(METHODIST_BANK).read()).toEqual([
      expect.objectContaining({ id: '2026-000001', courseTitle: 'Курс ОМ-01', decision: '' }),
    ]);
    expect(
      b.master
        .table(JOURNAL)
        .read()
        .filter((j) => j.applicationId === '2026-000001')
        .map((j) => j.action),
    ).toEqual(['заявка принята']);
    const letter = b.master.table(OUTBOX).read()[0];
    expect(letter).toMatchObject({ id: '2026-000001/принята', to: 'anna.ivanova@school.perm.ru', status: 'ждёт' });
    expect(String(letter.body)).toMatch(/05\.10\.2026–09\.10\.2026[\s\S]*методист вашей территории/);
  });

  it('reads a СНИЛС the response sheet stored as a number (leading zero lost) as its 11 digits', () => {
    const b = memoryBank();
    const r = processResponses(intake(b), [{ ...response({}, '2'), raw: { ...response().raw, snils: 1122334470 as unknown as string } }]);
    expect(r.accepted).toHaveLength(1);
    expect(b.master.table(LEDGER).read()[0].snils).toBe('011-223-344 70');
  });

  it('processes a response at most once', () => {
    const b = memoryBank();
    processResponses(intake(b), [response({}, '2')]);
    const again = processResponses(intake(b), [response({}, '2')]);
    expect(again).toMatchObject({ accepted: [], alreadyProcessed: 1 });
    expect(b.master.table(LEDGER).read()).toHaveLength(1);
  });

  it('does not create a second active application of the same person to the same course, and says which stands', () => {
    const b = memoryBank();
    processResponses(intake(b), [response({}, '2')]);
    const r = processResponses(intake(b), [response({ email: 'other@mail.ru', snils: '112-233-445 95' }, '3'), response({ course: 'ОМ-02 — x' }, '4')]);
    expect(r.duplicates).toEqual([{ responseId: '3', standing: '2026-000001' }]);
    expect(r.accepted).toEqual([{ responseId: '4', applicationId: '2026-000002' }]);
    expect(
      b.master
        .table(RESPONSE_LOG)
        .read()
        .map((l) => [l.responseId, l.outcome, l.applicationId]),
    ).toEqual([
      ['2', 'принята', '2026-000001'],
      ['3', 'повтор', '2026-000001'],
      ['4', 'принята', '2026-000002'],
    ]);
    const dup = b.master
      .table(OUTBOX)
      .read()
      .find((l) => l.id === 'ответ-3/повтор');
    // The letter goes to whatever address the new response gave: it reveals neither the number nor the stage.
    expect(String(dup?.to)).toBe('other@mail.ru');
    expect(String(dup?.body)).toContain('повторная заявка не создана');
    expect(`${dup?.subject} ${dup?.body}`).not.toMatch(/2026-000001|у методиста|этап/);
  });

  it('quarantines a bad response with a Russian reason per field, and tells the teacher what to fix', () => {
    const b = memoryBank();
    const r = processResponses(intake(b), [
      response(
        { lastName: '=HYPERLINK("http://evil","x")', snils: '112-233-445 96', phone: '12', course: 'XX-99 — нет', territory: 'Атлантида', consent: '' },
        '5',
      ),
    ]);
    expect(r.quarantined[0].reasons).toEqual([
      'Фамилия: только буквы, пробел, дефис и апостроф',
      'Телефон: 10 цифр после +7, например +7 902 123-45-67',
      'Территория: «Атлантида» нет в списке территорий банка',
      'Курс: «XX-99» не найден в банке',
      'СНИЛС: контрольное число не сходится — проверьте цифры',
      'Согласие на обработку персональных данных: без него заявку принять нельзя',
    ]);
    const q = b.master.table(QUARANTINE).read();
    expect(q).toEqual([expect.objectContaining({ responseId: '5', lastName: '=HYPERLINK("http://evil","x")', territory: 'Атлантида' })]);
    expect(b.master.table(LEDGER).read()).toEqual([]);
    expect(
      b.master
        .table(OUTBOX)
        .read()
        .map((l) => l.id),
    ).toEqual(['ответ-5/на-проверке']);
  });

  it.each([
    'no',
    'false',
    '0',
    '1',
    'Не даю согласие (редакция 1)',
    'Отказываюсь (редакция 99)',
    'Даю согласие на обработку моих персональных данных (редакция 0)',
  ])('takes only the Form’s affirmative consent of the current text: «%s» is quarantined', (consent) => {
    const b = memoryBank();
    const r = processResponses(intake(b), [response({ consent }, '9')]);
    expect(r.quarantined[0].reasons).toEqual(['Согласие на обработку персональных данных: без него заявку принять нельзя']);
    expect(b.master.table(LEDGER).read()).toEqual([]);
  });

  it('«Повторить обработку» accepts a quarantined response once staff corrected it', () => {
    const b = memoryBank();
    processResponses(intake(b), [response({ snils: '112-233-445 96' }, '6')]);
    b.master.table(QUARANTINE).updateByIds(new Map([['6', { snils: '112-233-445 95' }]]));
    const r = reprocessQuarantine(intake(b), 'lead@iro.perm.ru');
    expect(r).toEqual({ accepted: 1, duplicates: 0, stillInvalid: 0 });
    expect(b.master.table(QUARANTINE).read()).toEqual([]);
    expect(b.master.table(RESPONSE_LOG).read()).toEqual([expect.objectContaining({ responseId: '6', outcome: 'принята', applicationId: '2026-000001' })]);
    expect(bookOf(b.master, b.books, 'perm').table(METHODIST_BANK).ids()).toEqual(['2026-000001']);
  });

  it('the sweep picks up responses the trigger missed, and only those', () => {
    const b = memoryBank();
    b.master.ensure(FORM_RESPONSES);
    const rows = ['2', '3', '4'].map((id) => ({
      submittedAt: new Date(2026, 8, 1),
      ...response({ email: `t${id}@s.ru`, snils: id === '3' ? '000-000-001 00' : '11223344595' }, id).raw,
    }));
    b.master.table(FORM_RESPONSES).append(rows);
    processResponses(intake(b), [response({ email: 't2@s.ru' }, '2')]); // the trigger handled row 2
    const r = sweepResponses(intake(b));
    expect(r?.alreadyProcessed).toBe(0);
    expect(r?.accepted.map((a) => a.responseId)).toEqual(['3']);
    expect(r?.duplicates.map((a) => a.responseId)).toEqual(['4']);
    expect(sweepResponses(intake(b))).toBeNull();
  });

  it('the sweep starts where it stopped: rows before its cursor are not looked at again, a failed run leaves it at the missed row', () => {
    const b = memoryBank();
    b.master.ensure(FORM_RESPONSES);
    const row = (id: string) => ({
      submittedAt: new Date(2026, 8, 1),
      ...response({ email: `t${id}@s.ru`, snils: `000-000-0${id.padStart(2, '0')} 00` }, id).raw,
    });
    b.master.table(FORM_RESPONSES).append(['2', '3'].map(row));
    expect(sweepResponses(intake(b))?.accepted.map((a) => a.responseId)).toEqual(['2', '3']);
    expect(b.properties.get(SWEEP_CURSOR)).toBe('2');
    // Two more rows; the bank is busy when the sweep processes them: they stay unlogged and the cursor stops before them.
    b.master.table(FORM_RESPONSES).append(['4', '5'].map(row));
    const busy = {
      ...intake(b),
      lock: {
        withLock: () => {
          throw new Error('Банк занят');
        },
      },
    };
    expect(() => sweepResponses(busy)).toThrow('Банк занят');
    expect(b.properties.get(SWEEP_CURSOR)).toBe('2');
    expect(sweepResponses(intake(b))?.accepted.map((a) => a.responseId)).toEqual(['4', '5']);
    expect(b.properties.get(SWEEP_CURSOR)).toBe('4');
    expect(sweepResponses(intake(b))).toBeNull();
    // A row before the cursor is not looked at again (responses are only appended, and every one gets logged).
    b.master.table(RESPONSE_LOG).deleteByIds(['3']);
    expect(sweepResponses(intake(b))).toBeNull();
    // A cursor past the sheet (rows deleted by hand) starts again from the top: nothing unlogged is lost.
    b.properties.set(SWEEP_CURSOR, '99');
    expect(sweepResponses(intake(b))?.alreadyProcessed).toBe(0);
    expect(b.master.table(RESPONSE_LOG).ids()).toContain('3');
    expect(b.properties.get(SWEEP_CURSOR)).toBe('4');
  });
});

describe('a territory added without its workbook yet', () => {
  it('quarantines an application for it (nothing half-admitted), and admits it once the owner’s job made the workbook', () => {
    const b = memoryBank();
    b.master.table(TERRITORIES).append([{ code: 'newt', name: 'Новая территория', kind: '', workbookId: '', active: true }]);
    const r = processResponses(intake(b), [response({ territory: 'Новая территория' }, '2')]);
    expect(r.accepted).toEqual([]);
    expect(r.quarantined).toHaveLength(1);
    expect(b.master.table(LEDGER).read()).toEqual([]);
    ensureTerritoryBooks({ master: b.master, books: b.books, clock: b.clock, actor: 'банк', budgetMs: 1e9 });
    expect(reprocessQuarantine(intake(b), 'сектор')).toMatchObject({ accepted: 1 });
    expect(bookOf(b.master, b.books, 'newt').table(METHODIST_BANK).ids()).toEqual(['2026-000001']);
  });
});
