// «Кабинет подразделения»: the built cabinet.html in jsdom, answered by the cabinet script (build-cabinet/Code.js) bound
// to the subdivision's cabinet, on the permission-enforcing fakes.
import { ACCESS, ARCHIVE, LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { anApplication } from '../builders';
import { fire } from '../gas/bank-fixture';
import { cabinetBank, cabinetOf, HEAD, LEADER } from '../gas/cabinet-fixture';
import { CABINET_BUILD, loadCabinet } from '../gas/load-cabinet';
import { openSidebar } from './sidebar-harness';

const open = (b: ReturnType<typeof cabinetBank>, email: string) =>
  openSidebar(b, 'cabinet', email, { code: loadCabinet(b.gas, cabinetOf(b, 'ОМ').id).code, dir: CABINET_BUILD });

describe('the cabinet sidebar (built html in jsdom, the cabinet script behind google.script.run)', () => {
  it('a head sees the courses, the year’s statistics and their leaders, and adds a leader by a request the job carries out', async () => {
    const b = cabinetBank();
    const s = open(b, HEAD);
    await s.until(() => s.text().includes('Руководители курсов'), 'the head’s list');
    expect(s.text()).toContain('Кабинет: Отдел методики');
    expect(s.text()).toContain('ОМ-01 — Курс ОМ-01');
    expect(s.text()).toContain('Статистика подразделения за год');
    expect(s.text()).toContain(LEADER);
    (s.doc.querySelector('[aria-label="Эл. почта нового руководителя"]') as HTMLInputElement).value = 'new.lead@iro.perm.ru';
    (s.doc.querySelector('[aria-label="ФИО нового руководителя"]') as HTMLInputElement).value = 'Новикова Н. Н.';
    s.button('Добавить руководителя').click();
    await s.until(() => s.text().includes('Запрос принят'), 'accepted');
    expect(s.text()).toContain('выдача доступа: ожидает обработки');
    fire(b, 'runJob_');
    expect(
      b.master
        .table(ACCESS)
        .read()
        .find((a) => a.email === 'new.lead@iro.perm.ru'),
    ).toMatchObject({ role: 'leader', scope: 'ОМ' });
    expect(cabinetOf(b, 'ОМ').editors).toContain('new.lead@iro.perm.ru');
    expect(s.calls).toEqual(['getCabinet', 'submitRequest', 'getCabinet']);
  }, 90000); // the first test builds the cabinet bank (once per file)

  it('a leader opens a course’s attendance; no leaders’ list; every input has a label', async () => {
    const b = cabinetBank();
    const s = open(b, LEADER);
    await s.until(() => s.text().includes('Курсы подразделения'), 'courses');
    expect(s.text()).not.toContain('Добавить руководителя');
    s.button('Явка и группы').click();
    await s.until(() => s.text().includes('Курс ОМ-01'), 'the course');
    const unlabelled = [...s.doc.querySelectorAll('input, select, textarea')].filter(
      (el) => !el.getAttribute('aria-label') && !el.closest('label') && !s.doc.querySelector(`label[for="${el.id}"]`),
    );
    expect(unlabelled).toEqual([]);
  }, 60000);

  it('a leader corrects a wrong «не явился» by a request; the job returns the application to «Копилка поставщика»', async () => {
    const b = cabinetBank();
    const absent = anApplication(50, { stage: 'absent', updatedAt: new Date(2026, 8, 1, 9) });
    b.master.table(LEDGER).append([absent]);
    b.master.table(ARCHIVE).append([{ ...absent, outcome: 'absent', archivedAt: new Date(2026, 8, 1, 9) }]);
    const s = open(b, LEADER);
    await s.until(() => s.text().includes('Курсы подразделения'), 'courses');
    s.button('Явка и группы').click();
    await s.until(() => s.text().includes('Исправить ошибочную отметку'), 'the undo form');
    (s.doc.querySelector('[aria-label="Номер заявки"]') as HTMLInputElement).value = '2026-000050';
    s.button('Вернуть заявку').click();
    await s.until(() => s.text().includes('Укажите номер заявки и причину исправления.'), 'the reason is asked for');
    (s.doc.querySelector('[aria-label="Причина исправления"]') as HTMLInputElement).value = 'была на занятии';
    s.button('Вернуть заявку').click();
    await s.until(() => s.text().includes('Запрос принят'), 'accepted');
    fire(b, 'runJob_');
    expect(
      b.master
        .table(LEDGER)
        .read()
        .find((r) => r.id === '2026-000050'),
    ).toMatchObject({ stage: 'provider', reason: 'была на занятии' });
    expect(b.master.table(PROVIDER_BANK).ids()).toContain('2026-000050');
  }, 60000);

  it('someone the cabinet is not shared with cannot run its script', async () => {
    const b = cabinetBank();
    const s = open(b, 'lead.ff@iro.perm.ru');
    await s.until(() => s.text().includes('You do not have permission'), 'refusal');
    expect(s.text()).not.toContain('ОМ-01');
  });
});
