// Browser tests: real headless Chromium (Debian's) driving the local bank as its users would.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ARCHIVE, GROUPS, QUARANTINE } from '../../src/core/sheets/master';
import { startLocal } from './server-harness';

const SHOTS = path.join(__dirname, '..', '..', 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let local: Awaited<ReturnType<typeof startLocal>>;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  local = await startLocal();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await local?.close();
});

const as = async (email: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  const page = await context.newPage();
  if (email) await page.goto(`${local.url}/login?as=${encodeURIComponent(email)}`);
  return page;
};

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
  await page.selectOption('[name="course"]', {
    index: [...(await page.$$eval('[name="course"] option', (o) => o.map((x) => x.textContent ?? '')))].findIndex((t) => t.startsWith(courseStart)),
  });
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

    const leader = await as('leader.om@demo.local');
    await leader.goto(`${local.url}/bank`);
    const frame = leader.frameLocator('iframe.sidebar');
    await frame.locator('section[aria-label="Курс ОМ-03"] >> text=Явка и группа').click();
    await frame.locator('text=Явка в первый день: ОМ-03').waitFor();
    const boxes = frame.locator('input[type=checkbox]');
    const n = await boxes.count();
    for (let i = 0; i < n; i++) {
      const id = await boxes.nth(i).getAttribute('value');
      if (id !== absent) await boxes.nth(i).check();
    }
    await leader.screenshot({ path: path.join(SHOTS, 'leader-attendance.png'), fullPage: false });
    await frame.getByRole('button', { name: 'Сформировать группу' }).click();
    await frame.locator('.status.ok').waitFor();
    expect(await frame.locator('.status.ok').textContent()).toMatch(/^Группа ОМ-03-2026-01 сформирована: зачислено \d+, не явились 1\.$/);

    expect(
      local.bank.master
        .table(GROUPS)
        .read()
        .find((g) => g.id === present)?.group,
    ).toBe('ОМ-03-2026-01');
    expect(
      local.bank.master
        .table(ARCHIVE)
        .read()
        .find((a) => a.id === absent)?.outcome,
    ).toBe('absent');

    // The course ends: the leader completes it (certificate numbers) and moves the group to the archive.
    await frame.getByRole('button', { name: 'Завершить обучение' }).first().click();
    await frame.locator('text=Завершение обучения: ОМ-03-2026-01').waitFor();
    await leader.screenshot({ path: path.join(SHOTS, 'leader-completion.png'), fullPage: false });
    await frame.locator('div.row >> role=button[name="Завершить обучение"]').click();
    await frame.locator('.status.ok').waitFor();
    expect(await frame.locator('.status.ok').textContent()).toMatch(/^Обучение завершено: удостоверений \d+ \(№ 2026\/\d{5}–2026\/\d{5}\), отчислено 0\./);
    await frame.getByRole('button', { name: 'Перенести в архив' }).click();
    await frame.locator('text=перенесена в архив').waitFor();
    const archived = local.bank.master
      .table(ARCHIVE)
      .read()
      .find((a) => a.id === present);
    expect(archived).toMatchObject({ outcome: 'completed', group: 'ОМ-03-2026-01', regNumber: expect.stringMatching(/^2026\/\d{5}$/) });
    // And the files on disk say the same (the operation was saved before the answer).
    const { LocalBank } = await import('../../src/local/local-bank');
    const reloaded = await LocalBank.load(local.dir);
    expect(
      reloaded.master
        .table(ARCHIVE)
        .read()
        .find((a) => a.id === present)?.outcome,
    ).toBe('completed');
  }, 120000);

  it('the sector refreshes statistics and reads them as tables and bars', async () => {
    const sector = await as('sector@demo.local');
    await sector.goto(`${local.url}/bank?sidebar=sector`);
    const frame = sector.frameLocator('iframe.sidebar');
    await frame.getByRole('button', { name: 'Обновить статистику' }).click();
    await frame.locator('.status.ok').waitFor();
    expect(await frame.locator('main').textContent()).toMatch(/Подано \d+, в группах \d+, завершили \d+/);
    await sector.goto(`${local.url}/statistics`);
    expect(await sector.textContent('main')).toContain('Воронка по курсам');
    expect(await sector.locator('.bars i').count()).toBeGreaterThan(0);
    await sector.screenshot({ path: path.join(SHOTS, 'sector-statistics.png'), fullPage: false });
  }, 60000);

  it('quarantines a hostile application and shows it to staff', async () => {
    const teacher = await as('');
    await apply(teacher, { lastName: '=HYPERLINK("http://evil.example","жми")', email: 'evil@example.com', snils: '000-000-008 00', courseStart: 'ОМ-02' });
    expect(await teacher.textContent('.err')).toContain('Фамилия: только буквы, пробел, дефис и апостроф');
    const staff = await as('leader.om@demo.local');
    await staff.goto(`${local.url}/bank?sheet=${encodeURIComponent('На проверке')}`);
    expect(await staff.textContent('table.grid')).toContain('=HYPERLINK("http://evil.example","жми")');
    expect(
      local.bank.master
        .table(QUARANTINE)
        .read()
        .some((q) => String(q.lastName).startsWith('=HYPERLINK')),
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

  it('a leader cannot touch another subdivision’s course, even calling the server directly', async () => {
    const leader = await as('leader.co@demo.local');
    await leader.goto(`${local.url}/bank`);
    const frame = leader.frameLocator('iframe.sidebar');
    await frame.locator('text=Курсы подразделения ЦО').waitFor();
    expect(await frame.locator('main').textContent()).not.toContain('ОМ-01');
    const result = await leader.frames()[1].evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as { google: { script: { run: any } } }).google.script.run
            .withSuccessHandler(resolve)
            .withFailureHandler((e: Error) => resolve(e.message))
            .formGroup({ code: 'ОМ-01', present: ['2026-000001'] }),
        ),
    );
    expect(result).toEqual({ ok: false, error: 'Курс не найден в вашем подразделении.' });
    const dateArg = await leader.frames()[1].evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as { google: { script: { run: any } } }).google.script.run
            .withSuccessHandler(resolve)
            .withFailureHandler((e: Error) => resolve(e.message))
            .getCourse({ code: new Date() }),
        ),
    );
    expect(dateArg).toBe('Failed due to illegal value in property: 0');
    await leader.screenshot({ path: path.join(SHOTS, 'leader-sidebar.png'), fullPage: false });
  }, 60000);
});
