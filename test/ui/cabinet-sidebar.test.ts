// «Кабинет подразделения»: the built cabinet.html in jsdom, answered by the cabinet script (build-cabinet/Code.js) bound
// to the subdivision's cabinet, on the permission-enforcing fakes.
import { ACCESS, ARCHIVE, GROUPS, JOURNAL, LEDGER, PROVIDER_BANK } from '../../src/core/sheets/master';
import { anApplication } from '../builders';
import { decideAll, fire } from '../gas/bank-fixture';
import { cabinetBank, cabinetOf, HEAD, LEADER } from '../gas/cabinet-fixture';
import { CABINET_BUILD, loadCabinet } from '../gas/load-cabinet';
import { openSidebar, type WebApp } from './sidebar-harness';

const open = (b: ReturnType<typeof cabinetBank>, email: string, webApp: WebApp = 'up') =>
  openSidebar(b, 'cabinet', email, { code: loadCabinet(b.gas, cabinetOf(b, 'ОМ').id).code, dir: CABINET_BUILD }, webApp);

describe('the cabinet sidebar (built html in jsdom, the cabinet script behind google.script.run)', () => {
  it('a head sees the courses, the year’s statistics and their leaders, and adds a leader by a request the job carries out', async () => {
    const b = cabinetBank();
    const s = open(b, HEAD);
    await s.until(() => s.text().includes('Руководители курсов'), 'the head’s list');
    expect(s.text()).toContain('Кабинет: Отдел методики');
    expect(s.text()).toContain('ОМ-01 — Курс ОМ-01');
    // Phrases, not codes after a colon; one pair of brackets at most.
    expect(s.text()).toContain('запись открыта');
    expect(s.text()).not.toContain('запись: открыт');
    expect(s.text()).toContain('Вы: Начальник ОМ — начальник.');
    expect(s.text()).toContain('Статистика подразделения за год');
    expect(s.text()).toContain(LEADER);
    // An address that is not one is answered beside the field, and nothing is asked of the bank.
    const email = s.doc.querySelector('[aria-label="Эл. почта нового руководителя"]') as HTMLInputElement;
    email.value = 'not-an-email';
    s.button('Добавить руководителя').click();
    await s.until(() => !!s.doc.getElementById(`${email.id}-error`)?.textContent, 'the field’s error');
    expect(s.doc.getElementById(`${email.id}-error`)?.textContent).toBe('Некорректный адрес электронной почты');
    expect(s.calls).toEqual(['getCabinet', 'submitRequest']);
    (s.doc.querySelector('[aria-label="Эл. почта нового руководителя"]') as HTMLInputElement).value = 'new.lead@iro.perm.ru';
    (s.doc.querySelector('[aria-label="ФИО нового руководителя"]') as HTMLInputElement).value = 'Новикова Н. Н.';
    s.button('Добавить руководителя').click();
    // Carried out at once by the master's web app; the cabinet opens to them at the job's next run (Drive sharing).
    await s.until(() => s.text().includes('Выполнено: готово'), 'done at once');
    expect(s.text()).toContain('Выдать доступ: выполнено');
    expect(s.text()).toContain('new.lead@iro.perm.ru — руководитель курсов (Новикова Н. Н.)');
    fire(b, 'runJob_');
    expect(
      b.master
        .table(ACCESS)
        .read()
        .find((a) => a.email === 'new.lead@iro.perm.ru'),
    ).toMatchObject({ role: 'leader', scope: 'ОМ' });
    expect(cabinetOf(b, 'ОМ').editors).toContain('new.lead@iro.perm.ru');
    expect(s.calls.slice(2)).toEqual(['submitRequest', 'web app', 'getCabinet']);
  }, 90000); // the first test builds the cabinet bank (once per file)

  it('a leader forms a group, adds a late arrival, completes and archives — each answered in the sidebar by one call to the web app, no job run between', async () => {
    const b = cabinetBank();
    b.admit([1, 2, 3, 4].map((n) => anApplication(n, { stage: 'methodist' })));
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    b.gas.Clock.set(2026, 9, 5, 10); // ОМ-01's first day
    const course = async (s: ReturnType<typeof open>) => {
      await s.until(() => s.text().includes('Курсы подразделения'), 'courses');
      s.button('Явка и группы').click();
      await s.until(() => s.text().includes('Явка (копилка поставщика)'), 'the course');
    };
    const confirm = async (s: ReturnType<typeof open>, yes: string) => {
      await s.until(() => !!s.doc.querySelector('[role="alertdialog"]'), 'the confirmation');
      s.button(yes).click();
    };
    let s = open(b, LEADER);
    await course(s);
    const boxes = [...s.doc.querySelectorAll<HTMLInputElement>('input[type="checkbox"][aria-label^="Присутствует"]')];
    expect(boxes).toHaveLength(4);
    boxes.slice(0, 3).forEach((x) => (x.checked = true));
    s.button('Сформировать группу').click();
    await confirm(s, 'Да, сформировать');
    await s.until(() => s.text().includes('Выполнено: группа ОМ-01-2026-01: зачислено 3, не явились 1'), 'formed at once');
    expect(b.master.table(GROUPS).ids()).toHaveLength(3);
    expect(s.text()).toContain('ОМ-01-2026-01 — сформирована, слушателей 3');
    // The course's people are loaded when it is opened, and again after a change to them.
    expect(s.calls).toEqual(['getCabinet', 'getCabinetCourse', 'submitRequest', 'web app', 'getCabinet', 'getCabinetCourse']);

    // The fourth came late: the wrong «не явился» is undone, then she is added to the group — each at once.
    (s.doc.querySelector('[aria-label="Номер заявки"]') as HTMLInputElement).value = '2026-000004';
    (s.doc.querySelector('[aria-label="Причина исправления"]') as HTMLInputElement).value = 'опоздала на первое занятие';
    s.button('Вернуть заявку').click();
    await confirm(s, 'Да, вернуть');
    await s.until(() => s.text().includes('Выполнено: заявка 2026-000004 возвращена в «Копилку поставщика»'), 'returned at once');
    await s.until(() => !!s.doc.querySelector('input[type="checkbox"][aria-label^="Присутствует"]'), 'her box');
    (s.doc.querySelector('input[type="checkbox"][aria-label^="Присутствует"]') as HTMLInputElement).checked = true;
    s.button('Добавить отмеченных в группу').click();
    await confirm(s, 'Да, добавить');
    await s.until(() => s.text().includes('Выполнено: группа ОМ-01-2026-01: зачислено 1'), 'added at once');
    expect(b.master.table(GROUPS).ids()).toHaveLength(4);

    // The last day: completion, then the archive.
    b.gas.Clock.set(2026, 9, 9, 16);
    s = open(b, LEADER);
    await course(s);
    s.button('Завершить обучение').click();
    await confirm(s, 'Да, завершить');
    await s.until(() => s.text().includes('Выполнено: завершили 4, отчислены 0; удостоверения № 2026/00001'), 'completed at once');
    expect(s.text()).toContain('обучение завершено');
    s.button('Перенести в архив').click();
    await confirm(s, 'Да, в архив');
    await s.until(() => s.text().includes('Выполнено: готово'), 'archived at once');
    expect(b.master.table(GROUPS).ids()).toEqual([]);
    expect(
      b.master
        .table(ARCHIVE)
        .read()
        .filter((a) => a.outcome === 'completed'),
    ).toHaveLength(4);
    // Completion and archive were one call to the web app each (the test fires no job), and nothing failed on the way.
    expect(s.calls.filter((c) => c === 'web app')).toHaveLength(2);
    expect(
      b.master
        .table(JOURNAL)
        .read()
        .filter((j) => String(j.action).includes('ошибка')),
    ).toEqual([]);
  }, 90000);

  it('when the web app cannot answer, the request waits for the job and the sidebar says so', async () => {
    const b = cabinetBank();
    const s = open(b, LEADER, 'down');
    await s.until(() => s.text().includes('Курсы подразделения'), 'courses');
    s.button('Закрыть запись').click();
    await s.until(() => s.text().includes('Запрос принят'), 'accepted');
    expect(s.text()).toContain('ожидает обработки: выполнится при следующем запуске фонового задания банка');
    expect(s.text()).toContain('Запись на курс: ожидает обработки');
    fire(b, 'runJob_');
    const again = open(b, LEADER);
    await again.until(() => again.text().includes('Запись на курс: выполнено'), 'done by the job');
  }, 60000);

  it('a leader opens a course’s attendance; no leaders’ list; every input has a label', async () => {
    const b = cabinetBank();
    const s = open(b, LEADER);
    await s.until(() => s.text().includes('Курсы подразделения'), 'courses');
    expect(s.text()).not.toContain('Добавить руководителя');
    s.button('Явка и группы').click();
    await s.until(() => s.text().includes('Явка (копилка поставщика)'), 'the course');
    const unlabelled = [...s.doc.querySelectorAll('input, select, textarea')].filter(
      (el) => !el.getAttribute('aria-label') && !el.closest('label') && !s.doc.querySelector(`label[for="${el.id}"]`),
    );
    expect(unlabelled).toEqual([]);
  }, 60000);

  it('a leader corrects a wrong «не явился» by a request; the web app returns the application to «Копилка поставщика» at once', async () => {
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
    await s.until(() => !!s.doc.querySelector('[role="alertdialog"]'), 'the confirmation');
    expect(s.text()).toContain('Вернуть заявку 2026-000050?');
    expect(s.text()).toContain('Причина: была на занятии');
    s.button('Да, вернуть').click();
    await s.until(() => s.text().includes('Выполнено: заявка 2026-000050 возвращена в «Копилку поставщика»'), 'done at once');
    expect(
      b.master
        .table(LEDGER)
        .read()
        .find((r) => r.id === '2026-000050'),
    ).toMatchObject({ stage: 'provider', reason: 'была на занятии' });
    expect(b.master.table(PROVIDER_BANK).ids()).toContain('2026-000050');
  }, 60000);

  it('a leader creates a course: a wrong field is answered beside it, a right card is created at once; statistics for a period show in the sidebar', async () => {
    const b = cabinetBank();
    const s = open(b, LEADER);
    await s.until(() => s.text().includes('Курсы подразделения'), 'courses');
    s.button('Новый курс').click();
    await s.until(() => s.text().includes('Новый курс'), 'the card');
    const fill = (label: string, value: string) => {
      s.input(label).value = value;
    };
    fill('Шифр', 'ОМ-07');
    fill('Название', 'Курс для новых учителей');
    fill('Дата начала', '2026-12-14');
    fill('Дата окончания', '2026-12-01');
    s.button('Сохранить').click();
    // Refused by the cabinet before anything is written: beside «Дата окончания», the card stays to be corrected.
    await s.until(() => s.text().includes('Дата окончания раньше даты начала'), 'the field’s error');
    const error = s.doc.getElementById(`${s.input('Дата окончания').id}-error`);
    expect(error?.textContent).toBe('Дата окончания раньше даты начала');
    expect(s.calls).toEqual(['getCabinet', 'submitRequest']);
    fill('Дата окончания', '2026-12-18');
    s.button('Сохранить').click();
    await s.until(() => s.text().includes('Выполнено: курс ОМ-07 создан'), 'created at once');
    expect(s.text()).toContain('ОМ-07 — Курс для новых учителей');
    expect(s.calls.slice(2)).toEqual(['submitRequest', 'web app', 'getCabinet']);

    // Statistics of the year: asked, carried out, shown in the sidebar as the sector's report is.
    s.button('Статистика за период').click();
    await s.until(() => s.text().includes('Отчётов пока не запрашивали'), 'the period form');
    s.button('Показать').click();
    await s.until(() => s.text().includes('Воронка по курсам'), 'the figures');
    expect(s.text()).toMatch(/Выполнено: за 01\.01\.2026–31\.12\.2026: подано \d+/);
    expect(s.text()).toContain(`Последний отчёт запросил(а) ${LEADER}`);

    // ФИС ФРДО of the year: a file of the subdivision's documents, its link in «Мои запросы».
    s.button('Назад').click();
    s.button('Выгрузка в ФИС ФРДО').click();
    await s.until(() => s.text().includes('В файле есть СНИЛС'), 'the export form');
    s.button('Выгрузить').click();
    await s.until(() => s.text().includes('Выполнено: файл «ФИС ФРДО 01.01.2026–31.12.2026»'), 'exported at once');
    const link = [...s.doc.querySelectorAll('a')].find((a) => a.textContent === 'открыть файл');
    expect(link?.getAttribute('href')).toMatch(/^https:\/\/drive\.google\.com\//);
  });

  it('someone the cabinet is not shared with cannot run its script', async () => {
    const b = cabinetBank();
    const s = open(b, 'lead.ff@iro.perm.ru');
    await s.until(() => s.text().includes('You do not have permission'), 'refusal');
    expect(s.text()).not.toContain('ОМ-01');
  });
});
