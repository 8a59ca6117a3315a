// The status page as the bank's web app through build/Code.js: doGet shows the form, doPost answers it from the ledger
// (as the owner, who deployed it), the same words for a wrong and a missing pair, 5 look-ups a minute per number.
import { ACCESS, LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { anApplication } from '../builders';
import { fire, gasBank } from './bank-fixture';

describe('the status page web app', () => {
  const post = (b: ReturnType<typeof gasBank>, id: string, email: string): string => b.code.doPost({ parameter: { id, email } }).getContent();

  it('shows the form, answers the right pair with the stage, and a wrong pair exactly like a missing one', () => {
    const b = gasBank();
    b.master.table(LEDGER).append([{ ...anApplication(7, { stage: 'group' }), updatedAt: new Date(2026, 9, 5, 12) }]);
    const form = b.code.doGet().getContent();
    expect(form).toContain('<form method="post" action="https://script.google.com/macros/s/fake-deployment/exec"');
    const right = post(b, '2026-000007', 'TEACHER7@school.perm.ru');
    expect(right).toContain('Заявка 2026-000007: в группе</strong> (с 05.10.2026)');
    expect(right).not.toContain(String(anApplication(7).lastName));
    const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
    expect(message(post(b, '2026-000007', 'other@school.ru'))).toBe(
      'Заявка с таким номером и адресом не найдена. Проверьте номер (вида 2026-000123) и адрес эл. почты, указанный в заявке.',
    );
    expect(message(post(b, '2026-999999', 'teacher7@school.perm.ru'))).toBe(message(post(b, '2026-000008', 'x@y.ru')));
    expect(message(post(b, '<script>', 'x@y.ru'))).toBe('Номер заявки — вида 2026-000123.');
    expect(post(b, '"><script>alert(1)</script>', 'x')).not.toContain('<script>alert(1)');
  });

  it('limits look-ups per number in CacheService; a minute later they work again', () => {
    const b = gasBank();
    b.master.table(LEDGER).append([anApplication(7, { stage: 'provider' })]);
    for (let i = 0; i < 5; i++) expect(post(b, '2026-000007', `guess${i}@x.ru`)).toContain('не найдена');
    expect(post(b, '2026-000007', 'teacher7@school.perm.ru')).toContain('Слишком много запросов подряд');
    b.gas.Clock.at += 61_000;
    expect(post(b, '2026-000007', 'teacher7@school.perm.ru')).toContain('Заявка 2026-000007: направлена в ИРО ПК');
  });

  it('withdraws consent from the page (number, address and the confirmation): the application leaves «Копилка поставщика»', () => {
    const b = gasBank();
    const app = anApplication(7, { stage: 'provider' });
    b.master.table(LEDGER).append([app]);
    b.master.table(PROVIDER_BANK).append([app]);
    const withdraw = (email: string, confirm?: string) =>
      b.code.doPost({ parameter: { id: '2026-000007', email, action: 'withdraw', ...(confirm ? { confirm } : {}) } }).getContent();
    expect(post(b, '2026-000007', 'teacher7@school.perm.ru')).toContain('name="action" value="withdraw"');
    expect(withdraw('teacher7@school.perm.ru')).toContain('Подтвердите отзыв согласия: отметьте флажок.');
    expect(withdraw('other@school.ru', 'да')).toContain('не найдена');
    expect(b.master.table(LEDGER).read()[0].stage).toBe('provider');
    const done = withdraw('teacher7@school.perm.ru', 'да');
    expect(done).toContain('Согласие на обработку персональных данных отозвано.');
    expect(done).toContain('Заявка 2026-000007: отозвана');
    expect(b.master.table(LEDGER).read()[0]).toMatchObject({ stage: 'withdrawn', updatedBy: 'заявитель (страница статуса)' });
    expect(b.master.table(PROVIDER_BANK).ids()).toEqual([]);
  });
});

describe('consent withdrawn by a sector member who does not own the bank', () => {
  it('marks the person at once; what waits in a territory workbook (the owner’s file) is withdrawn by the owner’s job', () => {
    const b = gasBank();
    const SECTOR = 'sector2@iro.perm.ru';
    b.master.table(ACCESS).append([{ email: SECTOR, role: 'sector', scope: '', name: 'Сектор 2', active: true }]);
    b.ss.editors.push(SECTOR);
    b.admit([anApplication(8)]);
    b.gas.Session.runAs(SECTOR);
    // The workbook is not shared with this sector member: Google would refuse to open it.
    expect(() => b.gas.SpreadsheetApp.openById(b.book('perm').id)).toThrow();
    const r = JSON.parse(JSON.stringify(b.code.withdrawConsent({ id: '2026-000008' })));
    expect(r).toMatchObject({ ok: true, value: { withdrawn: [], deferred: ['2026-000008'] } });
    const row = () =>
      b.master
        .table(LEDGER)
        .read()
        .find((x) => x.id === '2026-000008');
    expect(row()).toMatchObject({ stage: 'methodist', consentWithdrawnAt: expect.any(Date) });
    fire(b, 'runJob_');
    expect(row()).toMatchObject({ stage: 'withdrawn', reason: 'отзыв согласия на обработку персональных данных' });
    expect(
      b
        .book('perm')
        .sheet('Копилка методиста')
        .dump()
        .slice(1)
        .map((x) => x[0]),
    ).not.toContain('2026-000008');
  });
});
