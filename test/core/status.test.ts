// The teacher's status page: number + e-mail → stage, day of the last change, next step; a wrong pair and a missing one
// get the very same answer, and nothing about the person is ever in it.
import { LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { applicationStatus, NOT_FOUND, StatusInput, statusAnswerHtml, WITHDRAWN_TEXT, WithdrawInput, withdrawByTeacher } from '../../src/core/use-cases/status';
import { anApplication, memoryBank, noLock } from '../builders';

describe('the status of an application', () => {
  const bank = () => {
    const b = memoryBank();
    b.master.table(LEDGER).append([
      { ...anApplication(1, { stage: 'provider' }), updatedAt: new Date(2026, 8, 20, 14, 0) },
      { ...anApplication(2, { stage: 'rejected' }), updatedAt: new Date(2026, 8, 21, 9, 0) },
    ]);
    return b;
  };
  const ask = (b: ReturnType<typeof bank>, id: string, email: string) => {
    const input = StatusInput.safeParse({ id, email });
    if (!input.success) throw new Error(input.error.issues[0].message);
    return applicationStatus(b.master, input.data);
  };

  it('tells the stage, the day of the last change and the next step — to the right pair only', () => {
    const b = bank();
    expect(ask(b, '2026-000001', ' Teacher1@School.Perm.RU ')).toEqual({
      ok: true,
      value: {
        id: '2026-000001',
        stage: 'направлена в ИРО ПК',
        changed: '20.09.2026',
        next: 'Заявка направлена в ИРО ПК. Приходите в первый день курса: по явке формируется группа.',
        consentWithdrawn: '',
      },
    });
    expect(ask(b, '2026-000002', 'teacher2@school.perm.ru')).toMatchObject({ ok: true, value: { stage: 'отклонена' } });
  });

  it('answers a wrong e-mail exactly as a number that does not exist, and never names anyone', () => {
    const b = bank();
    const wrong = ask(b, '2026-000001', 'teacher2@school.perm.ru');
    const missing = ask(b, '2026-999999', 'teacher1@school.perm.ru');
    expect(wrong).toEqual({ ok: false, error: NOT_FOUND });
    expect(missing).toEqual(wrong);
    const right = JSON.stringify(ask(b, '2026-000001', 'teacher1@school.perm.ru'));
    const person = anApplication(1);
    for (const v of [person.lastName, person.firstName, person.phone, person.organization, person.snils]) expect(right).not.toContain(String(v));
  });

  it('checks the number’s form before looking', () => {
    expect(StatusInput.safeParse({ id: '1; DROP', email: 'a@b.ru' }).success).toBe(false);
    expect(StatusInput.safeParse({ id: '2026-000001', email: 'x'.repeat(300) }).success).toBe(false);
  });

  it('withdraws consent only for the right pair with the confirmation; a wrong pair gets the not-found answer', () => {
    const b = bank();
    b.master.table(PROVIDER_BANK).append([anApplication(1, { stage: 'provider' })]);
    const deps = { master: b.master, books: b.books, clock: b.clock, lock: noLock, properties: b.properties };
    expect(WithdrawInput.safeParse({ id: '2026-000001', email: 'teacher1@school.perm.ru' }).success).toBe(false);
    const input = (email: string) => WithdrawInput.parse({ id: '2026-000001', email, confirm: 'да' });
    expect(withdrawByTeacher(deps, input('teacher2@school.perm.ru'))).toEqual({ ok: false, error: NOT_FOUND });
    expect(applicationStatus(b.master, input('teacher1@school.perm.ru'))).toMatchObject({ ok: true, value: { consentWithdrawn: '' } });
    const form = statusAnswerHtml(
      { id: '2026-000001', stage: 'направлена в ИРО ПК', changed: '', next: '', consentWithdrawn: '' },
      { id: '2026-000001', email: '"><script>x</script>' },
      '/status',
    );
    expect(form).toContain('name="action" value="withdraw"');
    expect(form).not.toContain('<script>');
    const r = withdrawByTeacher(deps, input('teacher1@school.perm.ru'));
    expect(r).toMatchObject({ ok: true, value: { stage: 'отозвана', consentWithdrawn: '01.09.2026' } });
    const html = r.ok ? statusAnswerHtml(r.value, input('teacher1@school.perm.ru'), '/status') : '';
    expect(html).toContain(WITHDRAWN_TEXT);
    expect(html).not.toContain('<form');
  });
});
