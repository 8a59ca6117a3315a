// The built sidebars in jsdom against the real build/Code.js: what a person sees and can do.

import { anApplication } from '../builders';
import { decideAll, fire } from '../gas/bank-fixture';
import { staffBank } from '../gas/staff-fixture';
import { openSidebar } from './sidebar-harness';

describe('sidebars (built html in jsdom, real Code.js behind google.script.run)', () => {
  it('«Руководитель курсов»: lists the subdivision’s courses with live counts', async () => {
    const b = staffBank();
    b.admit([1, 2].map((n) => anApplication(n)));
    const s = openSidebar(b, 'leader', 'lead@iro.perm.ru');
    await s.until(() => s.text().includes('Курсы подразделения ОМ'), 'course list');
    expect(s.text()).toContain('ОМ-01 — Курс ОМ-01');
    expect(s.text()).toContain('У методистов: 2');
    expect(s.text()).toContain('запись открыта');
    expect(s.calls).toEqual(['getLeaderOverview']);
  }, 90000); // the first test builds the staff bank (once per file)

  it('creating a course shows the server’s Russian message under each bad field, then the new course', async () => {
    const b = staffBank();
    const s = openSidebar(b, 'leader', 'lead@iro.perm.ru');
    await s.until(() => s.text().includes('Новый курс'), 'list');
    s.button('Новый курс').click();
    await s.until(() => !!s.doc.querySelector('form'), 'form');
    s.input('Шифр').value = 'ОМ-20';
    s.input('Название').value = 'Цифровая школа';
    s.input('Объём, часов').value = '8';
    s.input('Дата начала').value = '2026-12-14';
    s.input('Дата окончания').value = '2026-12-10';
    s.button('Сохранить').click();
    await s.until(() => s.text().includes('Исправьте отмеченные поля.'), 'errors');
    const errorOf = (name: string) => s.doc.querySelector(`[data-field="${name}"] .field-error`)?.textContent;
    expect(errorOf('hours')).toBe('Объём не меньше 16 часов');
    expect(errorOf('endDate')).toBe('Дата окончания раньше даты начала');
    expect(errorOf('title')).toBe('');
    s.input('Объём, часов').value = '36';
    s.input('Дата окончания').value = '2026-12-18';
    s.button('Сохранить').click();
    await s.until(() => s.text().includes('Курс ОМ-20 создан'), 'created');
    expect(s.text()).toContain('ОМ-20 — Цифровая школа');
    expect(s.text()).toContain('черновик');
    // The list shown after saving is the one the save returned: one execution, not a save and a reload.
    expect(s.calls).toEqual(['getLeaderOverview', 'saveCourse', 'saveCourse']);
  });

  it('attendance: ticks and «Сформировать группу» form the group and say what happened', async () => {
    const b = staffBank();
    b.admit([1, 2, 3].map((n) => anApplication(n)));
    decideAll(b, 'Направить поставщику');
    fire(b, 'runJob_');
    fire(b, 'runJob_');
    b.gas.Clock.set(2026, 9, 5); // the course's first day: the day attendance is marked
    const s = openSidebar(b, 'leader', 'lead@iro.perm.ru');
    await s.until(() => s.text().includes('Явка и группа'), 'list');
    s.button('Явка и группа').click();
    await s.until(() => s.text().includes('Явка в первый день: ОМ-01'), 'attendance');
    const boxes = [...s.doc.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(boxes).toHaveLength(3);
    // The view opens at its heading; «Отметить всех» ticks everyone, the counter follows; then one is unticked.
    expect(s.doc.activeElement?.textContent).toBe('Явка в первый день: ОМ-01');
    s.button('Отметить всех').click();
    expect(boxes.every((b) => b.checked)).toBe(true);
    expect(s.text()).toContain('Отмечено: 3 из 200 мест.');
    boxes[2].checked = false;
    s.button('Сформировать группу').click();
    // A one-way action asks first, naming who becomes «не явился»; «Отмена» changes nothing.
    await s.until(() => !!s.doc.querySelector('[role=alertdialog]'), 'the confirmation');
    const dialog = s.doc.querySelector('[role=alertdialog]')?.textContent ?? '';
    expect(dialog).toContain('Сформировать группу курса ОМ-01: зачислить 2, отметить как не явившихся 1?');
    const absentName = s.doc.querySelector(`label[for="${boxes[2].id}"] strong`)?.textContent ?? '';
    expect(dialog).toContain(absentName);
    expect(s.doc.activeElement?.textContent).toBe('Отмена');
    s.button('Отмена').click();
    expect(s.doc.querySelector('[role=alertdialog]')).toBeNull();
    expect(s.calls).toEqual(['getLeaderOverview', 'getAttendance']);
    s.button('Сформировать группу').click();
    await s.until(() => !!s.doc.querySelector('[role=alertdialog]'), 'the confirmation again');
    s.button('Да, сформировать').click();
    await s.until(() => s.text().includes(`Группа ОМ-01-2026-01 сформирована: зачислено 2, не явились 1: ${absentName}.`), 'formed');
    // The status line is the only live region, above the view.
    expect(s.doc.querySelectorAll('[aria-live]')).toHaveLength(1);
    expect(s.doc.body.firstElementChild?.id).toBe('status');
    expect(s.doc.querySelectorAll('input[type=checkbox]')).toHaveLength(0);
    expect(s.text()).toContain('ОМ-01-2026-01 · 2 чел. · сформирована');
    expect(s.calls).toEqual(['getLeaderOverview', 'getAttendance', 'formGroup']);

    // The absentee was marked by mistake: returned (with a reason), then added to the group as a late arrival.
    expect(s.text()).toContain('Исправить ошибочную отметку');
    expect(s.text()).toContain('· не явился · 05.10.2026');
    s.button('Вернуть').click();
    await s.until(() => s.text().includes('Укажите причину'), 'reason asked');
    const reason = s.doc.querySelector<HTMLInputElement>('input[aria-label^="Причина исправления"]');
    if (!reason) throw new Error('no reason field');
    reason.value = 'была на занятии';
    s.button('Вернуть').click();
    await s.until(() => s.text().includes('возвращена в копилку поставщика'), 'returned');
    const back = [...s.doc.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    expect(back).toHaveLength(1);
    back[0].checked = true;
    s.button('Добавить отмеченных в группу').click();
    await s.until(() => s.text().includes('В группу ОМ-01-2026-01 добавлено: 1.'), 'late');
    expect(s.text()).toContain('ОМ-01-2026-01 · 3 чел. · сформирована');
    expect(s.calls).toEqual(['getLeaderOverview', 'getAttendance', 'formGroup', 'undoMark', 'addLateArrivals']);

    // Completion: one compact row per learner; the reason box appears only for «отчислен».
    b.gas.Clock.set(2026, 9, 9);
    s.button('Завершить обучение').click();
    await s.until(() => s.text().includes('Завершение обучения: ОМ-01-2026-01'), 'completion');
    const rows = [...s.doc.querySelectorAll('.person')];
    expect(rows).toHaveLength(3);
    const reasons = [...s.doc.querySelectorAll<HTMLInputElement>('input[aria-label^="Причина отчисления"]')];
    expect(reasons.every((r) => r.hidden)).toBe(true);
    const outcomes = [...s.doc.querySelectorAll<HTMLSelectElement>('select[aria-label^="Итог"]')];
    outcomes[0].value = 'expelled';
    outcomes[0].dispatchEvent(new s.dom.window.Event('change'));
    expect(reasons[0].hidden).toBe(false);
    expect(s.doc.activeElement).toBe(reasons[0]);
    outcomes[0].value = 'completed';
    outcomes[0].dispatchEvent(new s.dom.window.Event('change'));
    expect(reasons[0].hidden).toBe(true);
    s.button('Завершить обучение').click();
    await s.until(() => !!s.doc.querySelector('[role=alertdialog]'), 'the confirmation');
    s.button('Да, завершить').click();
    await s.until(() => s.text().includes('Состояние: обучение завершено'), 'completed');
    s.button('Перенести в архив').click();
    await s.until(() => !!s.doc.querySelector('[role=alertdialog]'), 'the archive confirmation');
    s.button('Да, в архив').click();
    // The archived group stays reachable from the course: opened, it offers its documents, not outcomes.
    await s.until(() => s.text().includes('ОМ-01-2026-01 · 3 чел. · в архиве'), 'archived, still listed');
    s.button('Открыть группу').click();
    await s.until(() => s.text().includes('Состояние: в архиве'), 'the archived group');
    expect(s.doc.querySelectorAll('select[aria-label^="Итог"]')).toHaveLength(0);
    s.button('Документы группы').click();
    await s.until(() => s.text().includes('Запрос принят'), 'documents requested');
  }, 60000);

  it('«Начальник отдела» lists their subdivision’s leaders; a grant in the master is refused in Russian (it is the cabinet’s)', async () => {
    const b = staffBank();
    const s = openSidebar(b, 'head', 'head.om@iro.perm.ru');
    await s.until(() => s.text().includes('Руководители курсов'), 'list');
    expect(s.text()).toContain('lead@iro.perm.ru');
    expect(s.text()).not.toContain('lead.ff@iro.perm.ru');
    // The control board (issue 17) loads below: the subdivision's leaders with their duties, the courses.
    await s.until(() => s.text().includes('Обязанности') || s.text().includes('Просроченных и ближайших обязанностей нет'), 'the board');
    expect(s.doc.querySelector('table.grid caption')?.textContent).toBe('Руководители курсов');
    expect(s.text()).toContain('ОМ-01 — ');
    s.input('Эл. почта (аккаунт Google)').value = 'New.Lead@iro.perm.ru';
    s.input('ФИО').value = 'Новикова Н. Н.';
    s.button('Сохранить').click();
    await s.until(() => s.text().includes('работают в кабинете своего подразделения'), 'refused');
    expect(s.calls).toEqual(['getAccessList', 'getControlBoard', 'grantAccess']);
  });

  it('«Сектор» grants access from the access list', async () => {
    const b = staffBank();
    const s = openSidebar(b, 'head', 'owner@iro.perm.ru');
    await s.until(() => s.text().includes('Кто работает с банком'), 'list');
    s.input('Эл. почта (аккаунт Google)').value = 'New.Lead@iro.perm.ru';
    s.input('ФИО').value = 'Новикова Н. Н.';
    s.button('Сохранить').click();
    await s.until(() => s.text().includes('Доступ для new.lead@iro.perm.ru сохранён.'), 'granted');
    expect(s.text()).toContain('Новикова Н. Н.');
  });

  it('«Сектор» shows the control overview on demand: subdivisions, territories’ undecided applications with methodists', async () => {
    const b = staffBank();
    b.admit([anApplication(1), anApplication(2, { territory: 'kungursky' })]);
    const s = openSidebar(b, 'sector', 'owner@iro.perm.ru');
    await s.until(() => s.text().includes('Контроль сроков'), 'the home card');
    s.button('Контроль сроков').click();
    expect(s.doc.activeElement?.textContent).toBe('Контроль сроков'); // the section's heading has focus
    s.button('Показать контроль').click();
    await s.until(() => s.text().includes('По подразделениям'), 'the board');
    const captions = [...s.doc.querySelectorAll('table.grid caption')].map((c) => c.textContent);
    expect(captions.slice(0, 2)).toEqual(['По подразделениям', 'Нерешённые заявки у методистов']);
    expect(s.text()).toContain('Методист Перми · m1@perm.edu.ru');
    expect(s.calls).toContain('getControlBoard');
  });

  it('a stranger opening a staff sidebar’s functions gets «Нет доступа», not data', async () => {
    const b = staffBank();
    b.admit([anApplication(1)]);
    const s = openSidebar(b, 'leader', 'stranger@gmail.com');
    await s.until(() => s.text().includes('Нет доступа'), 'no access');
    expect(s.text()).not.toContain('ОМ-01');
  });

  it('«Сектор» takes "today" from the server that served it: period presets and the rollover year follow the bank’s clock', async () => {
    const b = staffBank();
    // A day no browser running this test is on: a page that read the machine's date would show another year.
    const today = new Date(2001, 5, 15, 10);
    b.gas.Clock.at = today.getTime();
    b.gas.Session.email = 'owner@iro.perm.ru';
    b.code.showSector_();
    const served = b.gas.SpreadsheetApp.ui.sidebars.at(-1)?.html ?? '';
    expect(served).toContain('<meta name="ebppk-today" content="2001-06-15">');
    const year = today.getFullYear();
    const s = openSidebar(b, 'sector', 'owner@iro.perm.ru');
    await s.until(() => !!s.doc.querySelector('nav'), 'the home card');
    s.button('Статистика').click();
    await s.until(() => s.text().includes(`${year} год`), 'the presets of the bank’s year');
    expect(s.text()).toContain(`4 квартал ${year}`);
    expect(s.text()).toContain(`${year - 1} год`);
    s.button('← Все разделы').click();
    s.button('Годовой перенос архива').click();
    await s.until(() => !!s.doc.querySelector('input[type=number]'), 'the rollover form');
    expect((s.doc.querySelector('input[type=number]') as HTMLInputElement).value).toBe(String(year - 1));
  });

  it('«Сектор» opens on a home card of sections; the access list is searched by name, address, role or territory (names, not codes)', async () => {
    const b = staffBank();
    const s = openSidebar(b, 'sector', 'owner@iro.perm.ru');
    await s.until(() => !!s.doc.querySelector('nav'), 'the home card');
    expect([...s.doc.querySelectorAll('button.section')].map((x) => x.textContent)).toEqual([
      'Статистика',
      'Доступ к банку',
      'Контроль сроков',
      'Подразделения и территории',
      'Отзыв согласия',
      'Годовой перенос архива',
    ]);
    expect(s.doc.querySelector('form')).toBeNull(); // no forms until a section is chosen
    s.button('Доступ к банку').click();
    const rows = () => [...s.doc.querySelectorAll('table.list tr')].filter((r) => !(r as HTMLElement).hidden);
    const all = rows().length;
    expect(all).toBeGreaterThan(5);
    expect(s.text()).toContain('Методист территории · Пермский городской округ');
    expect(s.text()).not.toMatch(/ · perm\b/);
    const search = s.input('Найти: ФИО, почта, роль, территория');
    search.value = 'пермск';
    search.dispatchEvent(new s.dom.window.Event('input'));
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(all);
    expect(rows().every((r) => r.textContent?.includes('Пермский'))).toBe(true);
    expect(s.text()).toContain(`из ${all}`);
    s.button('← Все разделы').click();
    expect(s.doc.querySelector('nav')).not.toBeNull();
    // A territory is named, never coded: the form has no code field, the bank makes the code.
    s.button('Подразделения и территории').click();
    expect(s.text()).not.toContain('Код (латиница)');
    const label = [...s.doc.querySelectorAll('label')].filter((l) => l.textContent === 'Название').at(-1); // the territory form's
    (s.doc.getElementById(label?.getAttribute('for') ?? '') as HTMLInputElement).value = 'Новая территория';
    s.button('Сохранить территорию').click();
    await s.until(() => s.text().includes('Территория «Новая территория» сохранена.'), 'saved');
    expect(s.calls).toContain('saveTerritory');
  });

  it('every input of every sidebar has a label', async () => {
    const b = staffBank();
    for (const [name, email] of [
      ['sector', 'owner@iro.perm.ru'],
      ['head', 'head.om@iro.perm.ru'],
    ] as const) {
      const s = openSidebar(b, name, email);
      await s.until(() => !!s.doc.querySelector(name === 'sector' ? 'nav' : 'form'), `${name} form`);
      const sections = name === 'sector' ? [...s.doc.querySelectorAll('button.section')].map((x) => x.textContent as string) : [''];
      for (const section of sections) {
        if (section) s.button(section).click();
        const unlabelled = [...s.doc.querySelectorAll('input, select, textarea')].filter(
          (el) => !el.getAttribute('aria-label') && !s.doc.querySelector(`label[for="${el.id}"]`),
        );
        expect(unlabelled.map((el) => el.outerHTML)).toEqual([]);
        if (section) s.button('← Все разделы').click();
      }
    }
  });
});
