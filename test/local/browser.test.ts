// Browser tests: real headless Chromium (Debian's) driving the local bank as its users would.
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cabinetPass, refreshCabinets } from '../../src/app/cabinet-sync';
import { ARCHIVE, COURSES, GROUPS, LEDGER, QUARANTINE } from '../../src/core/sheets/master';
import { dayAfter } from '../clock';
import { launchChromium, openAs, SHOTS } from './chromium';
import { startLocal } from './server-harness';

let browser: Browser;
let local: Awaited<ReturnType<typeof startLocal>>;

beforeAll(async () => {
  browser = await launchChromium();
  local = await startLocal();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await local?.close();
});

const as = (email: string): Promise<Page> => openAs(browser, local.url, email);

const apply = async (page: Page, over: Record<string, string>) => {
  await page.goto(`${local.url}/apply`);
  const { courseStart = 'ОМ-03', ...fields } = over;
  const v = {
    lastName: 'Тестова',
    firstName: 'Вера',
    email: 'vera@school.example',
    phone: '+7 902 555-44-33',
    organization: 'МАОУ «СОШ № 99»',
    snils: '112-233-445 95',
    ...fields,
  };
  for (const [k, val] of Object.entries(v)) await page.fill(`[name="${k}"]`, val);
  await page.selectOption('[name="territory"]', { label: 'Пермский городской округ' });
  await page.selectOption('[name="position"]', { label: 'учитель' });
  const courses = await page.$$eval('[name="course"] option', (o) => o.map((x) => x.textContent ?? ''));
  const index = courses.findIndex((t) => t.startsWith(courseStart));
  // A course the form does not offer is the calendar's doing: say so now instead of waiting for an option that never comes.
  if (index < 0) throw new Error(`The form offers no ${courseStart}: ${courses.join(' | ')}`);
  await page.selectOption('[name="course"]', { index });
  await page.fill('[name="birthDate"]', '1984-04-12');
  await page.selectOption('[name="sex"]', { label: 'женский' });
  await page.selectOption('[name="educationLevel"]', { label: 'высшее' });
  await page.check('[name="consent"]');
  await page.click('button[type=submit]');
};

describe('the local bank in a real browser', () => {
  it('walks the journey: a teacher applies, the methodist sends, the sync runs, the leader marks attendance and forms the group', async () => {
    const teacher = await as('');
    await apply(teacher, { email: 'present@school.example', snils: '112-233-445 95', courseStart: 'ОМ-03' });
    const ok1 = await teacher.textContent('.ok');
    const present = /(\d{4}-\d{6})/.exec(ok1 ?? '')?.[1] as string;
    expect(present).toBeTruthy();
    await teacher.screenshot({ path: path.join(SHOTS, 'teacher-form.png'), fullPage: true });
    await apply(teacher, { lastName: 'Прогулова', email: 'absent@school.example', snils: '000-000-007 00', courseStart: 'ОМ-03' });
    const absent = /(\d{4}-\d{6})/.exec((await teacher.textContent('.ok')) ?? '')?.[1] as string;

    const methodist = await as('methodist.perm@demo.local');
    await methodist.goto(`${local.url}/territory`);
    for (const id of [present, absent]) {
      await methodist.selectOption(`select[aria-label="Решение по заявке ${id}"]`, 'Направить поставщику');
      await methodist.click(`#d-${id} button`);
      await methodist.waitForSelector('.ok');
    }
    await methodist.screenshot({ path: path.join(SHOTS, 'methodist-workbook.png'), fullPage: false });

    const sector = await as('sector@demo.local');
    await sector.goto(`${local.url}/bank`);
    await sector.click('text=Выполнить фоновое задание');
    await sector.waitForSelector('.ok');
    expect(await sector.textContent('.ok')).toMatch(/Направлено поставщику: 2/);
    await sector.screenshot({ path: path.join(SHOTS, 'sector-bank.png'), fullPage: false });
    // The methodist sees when the bank took the decisions (issue 18), and «О книге» says what waits.
    await methodist.goto(`${local.url}/territory`);
    expect(await methodist.textContent('main')).toMatch(/Последняя синхронизация: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    await methodist.goto(`${local.url}/territory?sheet=${encodeURIComponent('О книге')}`);
    expect(await methodist.textContent('table.grid')).toContain('Ждут вашего решения');

    // The course's first day comes (a one-day course, so it also ends today): only now is a group formed, and completed.
    const today = dayAfter(0);
    const year = today.getFullYear();
    const group = `ОМ-03-${year}-01`;
    local.bank.master.table(COURSES).updateByIds(new Map([['ОМ-03', { startDate: today, endDate: today }]]));
    // The owner's job carries the new dates to the cabinet (which checks the first day itself before queueing).
    const owner = local.bank.app('банк');
    refreshCabinets(owner, cabinetPass(owner), true);

    // The leader works in the subdivision's cabinet; the owner's job (here: the sector's button) carries requests out.
    const leader = await as('leader.om@demo.local');
    expect((await leader.goto(`${local.url}/bank`))?.status()).toBe(403);
    await leader.goto(`${local.url}/cabinet`);
    const frame = leader.frameLocator('iframe.sidebar');
    await frame.locator('li', { hasText: 'ОМ-03 —' }).getByRole('button', { name: 'Явка и группы' }).click();
    await frame.locator('h1', { hasText: 'Курс ОМ-03' }).waitFor();
    const boxes = frame.locator('input[type=checkbox]');
    const n = await boxes.count();
    for (let i = 0; i < n; i++) {
      const label = (await boxes.nth(i).getAttribute('aria-label')) ?? '';
      if (!label.includes('Прогулова')) await boxes.nth(i).check();
    }
    await leader.screenshot({ path: path.join(SHOTS, 'leader-attendance.png'), fullPage: false });
    await frame.getByRole('button', { name: 'Сформировать группу' }).click();
    // A one-way action asks first (issue 18), naming who becomes «не явился».
    const dialog = frame.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('Прогулова');
    await leader.screenshot({ path: path.join(SHOTS, 'leader-confirm-formation.png'), fullPage: false });
    await dialog.getByRole('button', { name: 'Да, сформировать' }).click();
    await frame.locator('.status.ok').waitFor();
    // Carried out at once (the sidebar asks the bank's /status, as it asks the web app in Apps Script).
    expect(await frame.locator('.status.ok').textContent()).toBe(`Выполнено: группа ${group}: зачислено 10, не явились 1`);
    const runJob = async () => {
      await sector.goto(`${local.url}/bank`);
      await sector.click('text=Выполнить фоновое задание');
      await sector.waitForSelector('.ok');
    };
    await runJob();
    expect(
      local.bank.master
        .table(GROUPS)
        .read()
        .find((g) => g.id === present)?.group,
    ).toBe(group);
    expect(
      local.bank.master
        .table(ARCHIVE)
        .read()
        .find((a) => a.id === absent)?.outcome,
    ).toBe('absent');

    // The absent mark was a mistake: the leader corrects it in the cabinet; the job returns the application to the provider.
    await leader.goto(`${local.url}/cabinet`);
    await frame.locator('li', { hasText: 'ОМ-03 —' }).getByRole('button', { name: 'Явка и группы' }).click();
    await frame.getByLabel('Номер заявки').fill(absent);
    await frame.getByLabel('Причина исправления').fill('опоздала, была на занятии');
    await frame.getByRole('button', { name: 'Вернуть заявку' }).click();
    await frame.getByRole('alertdialog').getByRole('button', { name: 'Да, вернуть' }).click();
    await frame.locator('.status.ok').waitFor();
    await runJob();
    expect(
      local.bank.master
        .table(LEDGER)
        .read()
        .find((r) => r.id === absent),
    ).toMatchObject({ stage: 'provider', reason: 'опоздала, была на занятии' });

    // The course ends: the leader completes it (certificate numbers come from the job) and moves the group to the archive.
    await leader.goto(`${local.url}/cabinet?sheet=${encodeURIComponent('Запросы — leader.om@demo.local')}`);
    expect(await leader.textContent('table.grid')).toContain(`группа ${group}: зачислено`);
    const open = async () => {
      await leader.goto(`${local.url}/cabinet`);
      await frame.locator('li', { hasText: 'ОМ-03 —' }).getByRole('button', { name: 'Явка и группы' }).click();
      await frame.locator('h3', { hasText: group }).waitFor();
    };
    await open();
    await leader.screenshot({ path: path.join(SHOTS, 'leader-completion.png'), fullPage: false });
    await frame.getByRole('button', { name: 'Завершить обучение' }).click();
    await frame.getByRole('alertdialog').getByRole('button', { name: 'Да, завершить' }).click();
    await frame.locator('.status.ok').waitFor();
    await runJob();
    await open();
    expect(await frame.locator('main').textContent()).toMatch(new RegExp(`, № ${year}/\\d{5}`));
    await frame.getByRole('button', { name: 'Перенести в архив' }).click();
    await frame.getByRole('alertdialog').getByRole('button', { name: 'Да, в архив' }).click();
    await frame.locator('.status.ok').waitFor();
    await runJob();
    const archived = local.bank.master
      .table(ARCHIVE)
      .read()
      .find((a) => a.id === present);
    expect(archived).toMatchObject({ outcome: 'completed', group, regNumber: expect.stringMatching(new RegExp(`^${year}/\\d{5}$`)) });
    // And the files on disk say the same (the operation was saved before the answer).
    const { LocalBank } = await import('../../src/local/local-bank');
    const reloaded = await LocalBank.load(local.dir, local.clock);
    expect(
      reloaded.master
        .table(ARCHIVE)
        .read()
        .find((a) => a.id === present)?.outcome,
    ).toBe('completed');
  }, 120000);

  it('the teacher’s side and the waitlist: the course card in the form, the methodist’s queue and course card, the status page and withdrawing consent', async () => {
    const teacher = await as('');
    await teacher.goto(`${local.url}/apply`);
    const cards = (await teacher.textContent('.cards')) ?? '';
    expect(cards).toMatch(/ОМ-02 — .*\nМесто: /);
    await apply(teacher, { lastName: 'Ждущая', email: 'wait@school.example', snils: '000-000-009 00', courseStart: 'ОМ-02' });
    const id = /(\d{4}-\d{6})/.exec((await teacher.textContent('.ok')) ?? '')?.[1] as string;

    const methodist = await as('methodist.perm@demo.local');
    await methodist.goto(`${local.url}/territory`);
    await methodist.selectOption(`select[aria-label="Решение по заявке ${id}"]`, 'Лист ожидания');
    await methodist.click(`#d-${id} button`);
    await methodist.waitForSelector('.ok');
    const sector = await as('sector@demo.local');
    await sector.goto(`${local.url}/bank`);
    await sector.click('text=Выполнить фоновое задание');
    await sector.waitForSelector('.ok');
    await methodist.goto(`${local.url}/territory`);
    const row = methodist.locator('tr', { hasText: id });
    expect(await row.textContent()).toMatch(/Лист ожидания: \d+-я по очереди|Место освободилось \(свободно: \d+\)/);
    await methodist.goto(`${local.url}/territory?sheet=${encodeURIComponent('Квоты')}`);
    expect(await methodist.textContent('table.grid thead')).toContain('Место проведения');
    expect(await methodist.textContent('table.grid')).toContain('ОМ-02');
    await methodist.screenshot({ path: path.join(SHOTS, 'methodist-quotas-card.png'), fullPage: false });

    // The teacher looks the application up and withdraws consent (the checkbox is required).
    await teacher.goto(`${local.url}/status`);
    await teacher.fill('[name="id"]', id);
    await teacher.fill('[name="email"]', 'wait@school.example');
    await teacher.click('form:not(.withdraw) button[type=submit]');
    expect(await teacher.textContent('.ok')).toContain(`Заявка ${id}: в листе ожидания`);
    await teacher.check('form.withdraw [name="confirm"]');
    await teacher.click('form.withdraw button[type=submit]');
    expect(await teacher.textContent('.ok')).toContain('Согласие на обработку персональных данных отозвано.');
    await teacher.screenshot({ path: path.join(SHOTS, 'teacher-status-withdrawn.png'), fullPage: true });
    expect(
      local.bank.master
        .table(LEDGER)
        .read()
        .find((r) => r.id === id),
    ).toMatchObject({ stage: 'withdrawn', consentWithdrawnAt: expect.any(Date) });

    // The sector finds the letters' texts on their own sheet.
    await sector.goto(`${local.url}/bank?sheet=${encodeURIComponent('Шаблоны писем')}`);
    expect(await sector.textContent('table.grid')).toContain('{{status}}');
  }, 120000);

  it('the head of a subdivision reads the control board in the cabinet: leaders, duties, a course’s territories and methodists', async () => {
    const head = await as('head.om@demo.local');
    await head.goto(`${local.url}/cabinet`);
    const frame = head.frameLocator('iframe.sidebar');
    await frame.locator('h2', { hasText: 'Контроль' }).waitFor();
    const leaders = frame.locator('table.grid', { has: frame.locator('caption', { hasText: 'Руководители курсов' }) });
    expect(await leaders.textContent()).toContain('Руководитель курсов (ОМ)');
    expect(await frame.locator('main').textContent()).toMatch(/Обязанности: просрочено \d+, всего \d+|Просроченных и ближайших обязанностей нет/);
    // A course opens in one click: its territories with the methodists to call.
    const course = frame.getByRole('button', { name: /^ОМ-01 — / });
    await course.click();
    expect(await course.getAttribute('aria-expanded')).toBe('true');
    expect(await frame.locator('table.grid', { has: frame.locator('caption', { hasText: 'Курс ОМ-01: по территориям' }) }).textContent()).toContain(
      'methodist.perm@demo.local',
    );
    await head.screenshot({ path: path.join(SHOTS, 'head-control-board.png'), fullPage: false });
    // The cabinet's own «Контроль» sheet is there for filtering and sorting.
    await head.goto(`${local.url}/cabinet?sheet=${encodeURIComponent('Контроль')}`);
    expect(await head.textContent('table.grid thead')).toContain('Кто отвечает');
  }, 60000);

  it('the sector refreshes statistics and reads them as tables and bars', async () => {
    const sector = await as('sector@demo.local');
    await sector.goto(`${local.url}/bank?sidebar=sector`);
    const frame = sector.frameLocator('iframe.sidebar');
    await frame.getByRole('button', { name: 'Статистика', exact: true }).click();
    await frame.getByRole('button', { name: 'Обновить статистику' }).click();
    await frame.locator('.status.ok').waitFor();
    expect(await frame.locator('main').textContent()).toMatch(/Подано \d+, в группах \d+, завершили \d+/);
    await sector.goto(`${local.url}/statistics`);
    expect(await sector.textContent('main')).toContain('Воронка по курсам');
    expect(await sector.locator('.bars i').count()).toBeGreaterThan(0);
    await sector.screenshot({ path: path.join(SHOTS, 'sector-statistics.png'), fullPage: false });
  }, 60000);

  it('refuses a formula in a name beside the field; quarantines a hostile organisation with a bad СНИЛС and shows it to staff as text', async () => {
    const teacher = await as('');
    const quarantined = () => local.bank.master.table(QUARANTINE).count();
    const before = quarantined();
    await apply(teacher, { lastName: '=HYPERLINK("http://evil.example","жми")', email: 'evil@example.com', snils: '000-000-008 00', courseStart: 'ОМ-02' });
    // As the Google Form does: refused where it was typed, focusable and described, nothing recorded.
    expect(await teacher.getAttribute('#f-lastName', 'aria-invalid')).toBe('true');
    expect(await teacher.textContent('#f-lastName-error')).toBe('Фамилия: только буквы, пробел, дефис и апостроф');
    expect(quarantined()).toBe(before);
    await teacher.screenshot({ path: path.join(SHOTS, 'teacher-form-field-error.png'), fullPage: false });
    // The Form's rules pass; the bank's checksum does not: «На проверке», where the formula is only text.
    await apply(teacher, { organization: '=HYPERLINK("http://evil.example","жми")', email: 'evil@example.com', snils: '112-233-445 96', courseStart: 'ОМ-02' });
    expect(await teacher.textContent('#f-snils-error')).toBe('СНИЛС: контрольное число не сходится — проверьте цифры');
    const staff = await as('sector@demo.local');
    await staff.goto(`${local.url}/bank?sheet=${encodeURIComponent('На проверке')}`);
    expect(await staff.textContent('table.grid')).toContain('=HYPERLINK("http://evil.example","жми")');
    expect(
      local.bank.master
        .table(QUARANTINE)
        .read()
        .some((q) => String(q.organization).startsWith('=HYPERLINK')),
    ).toBe(true);
  }, 60000);

  it('a methodist cannot open another territory or the master bank', async () => {
    const m = await as('methodist.perm@demo.local');
    const r1 = await m.goto(`${local.url}/territory?code=kungursky`);
    expect(r1?.status()).toBe(403);
    expect(await m.textContent('.err')).toContain('Нет доступа к книге другой территории');
    const r2 = await m.goto(`${local.url}/bank`);
    expect(r2?.status()).toBe(403);
    await m.goto(`${local.url}/territory`);
    const text = (await m.textContent('table.grid')) ?? '';
    expect(text).not.toMatch(/\d{3}-\d{3}-\d{3} \d{2}/); // no СНИЛС in a methodist's workbook
  }, 60000);

  it('a leader opens only their own cabinet: not another subdivision’s, not the master’s pages or functions', async () => {
    const leader = await as('leader.co@demo.local');
    expect((await leader.goto(`${local.url}/cabinet?subdivision=${encodeURIComponent('ОМ')}`))?.status()).toBe(403);
    expect((await leader.goto(`${local.url}/statistics`))?.status()).toBe(403);
    await leader.goto(`${local.url}/cabinet`);
    const frame = leader.frameLocator('iframe.sidebar');
    await frame.locator('h1', { hasText: 'Кабинет:' }).waitFor();
    expect(await frame.locator('main').textContent()).not.toContain('ОМ-01');
    const call = (fn: string, arg: unknown) =>
      leader.frames()[1].evaluate(
        ([name, a]) =>
          new Promise((resolve) => {
            const run = (window as unknown as { google: { script: { run: any } } }).google.script.run
              .withSuccessHandler(resolve)
              .withFailureHandler((e: Error) => resolve(e.message));
            run[name as string](a);
          }),
        [fn, arg] as const,
      );
    // The master's own functions are not the cabinet's to call.
    expect(await call('formGroup', { code: 'ОМ-01', present: ['2026-000001'] })).toBe('Таблица банка открыта только сектору ИРО ПК.');
    // A request about another subdivision's course is accepted as a request and refused by the job.
    expect(await call('submitRequest', { kind: 'formGroup', args: { code: 'ОМ-01', present: ['2026-000001'] } })).toMatchObject({ ok: true });
    const sector = await as('sector@demo.local');
    await sector.goto(`${local.url}/bank`);
    await sector.click('text=Выполнить фоновое задание');
    await sector.waitForSelector('.ok');
    await leader.goto(`${local.url}/cabinet?sheet=${encodeURIComponent('Запросы — leader.co@demo.local')}`);
    expect(await leader.textContent('table.grid')).toContain('Курс не найден в вашем подразделении.');
    expect(await call('submitRequest', { kind: 'formGroup', args: { code: new Date(0) } })).toBe('Failed due to illegal value in property: 0');
    await leader.screenshot({ path: path.join(SHOTS, 'leader-sidebar.png'), fullPage: false });
  }, 60000);
});
