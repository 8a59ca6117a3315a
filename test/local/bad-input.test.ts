// The local bank's pages refuse bad input with a Russian message and change nothing.

import { CONSENT_CHOICE } from '../../src/core/intake/form-spec';
import { FORM_RESPONSES } from '../../src/core/sheets/form-responses';
import { GROUP_REGISTRY, QUARANTINE } from '../../src/core/sheets/master';
import { formFields, startLocal } from './server-harness';

describe('local bank: bad input', () => {
  it('an empty or malformed application is refused as the Google Form refuses it: one message beside each field, nothing recorded', async () => {
    const local = await startLocal();
    try {
      const recorded = () => [local.bank.master.table(FORM_RESPONSES).count(), local.bank.master.table(QUARANTINE).count()];
      const before = recorded();
      const post = (body: Record<string, string>) =>
        fetch(`${local.url}/apply`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) }).then(
          (r) => r.text(),
        );
      const empty = await post({});
      const errorOf = (html: string, key: string) => new RegExp(`id="f-${key}-error">([^<]*)<`).exec(html)?.[1];
      expect(errorOf(empty, 'lastName')).toBe('Фамилия: заполните поле');
      expect(errorOf(empty, 'territory')).toBe('Территория: выберите из списка');
      expect(errorOf(empty, 'consent')).toBe('Согласие на обработку персональных данных: без него заявку принять нельзя');
      expect(errorOf(empty, 'middleName')).toBeUndefined(); // optional
      expect(empty.match(/class="field-error"/g)?.length).toBe(13); // the 13 required items, one message each
      expect(empty).toContain('aria-invalid="true" aria-describedby="f-lastName-error"');
      expect(empty).not.toContain('«»');
      const malformed = await post(formFields(local.bank, { snils: '123', phone: 'звоните', lastName: '=1+1' }));
      expect(errorOf(malformed, 'snils')).toBe('СНИЛС: 11 цифр, например 112-233-445 95');
      expect(errorOf(malformed, 'phone')).toBe('Телефон: 10 цифр после +7, например +7 902 123-45-67');
      expect(errorOf(malformed, 'lastName')).toBe('Фамилия: только буквы, пробел, дефис и апостроф');
      expect(malformed).toContain('Исправьте отмеченные поля (3)');
      expect(recorded()).toEqual(before);
      // What only the bank can check (the СНИЛС checksum) is recorded and quarantined, and still shown beside its field.
      const checksum = await post(formFields(local.bank, { snils: '112-233-445 96' }));
      expect(errorOf(checksum, 'snils')).toBe('СНИЛС: контрольное число не сходится — проверьте цифры');
      expect(recorded()).toEqual([before[0] + 1, before[1] + 1]);
    } finally {
      await local.close();
    }
  }, 60000);

  it('refuses an unknown decision and an application of another territory, writing nothing', async () => {
    const local = await startLocal();
    try {
      const book = () => local.methodistBank('perm');
      const before = JSON.stringify(book());
      const post = (body: Record<string, string>) =>
        fetch(`${local.url}/territory/decide`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...local.as('methodist.perm@demo.local') },
          body: new URLSearchParams(body),
        });
      const id = String(book()[0].id);
      const bad = await post({ id, decision: '=IMPORTXML("http://x")', reason: '' });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('Неизвестное решение.');
      const foreign = await post({ id: '2099-000001', decision: 'Отклонить', reason: 'x' });
      expect(await foreign.text()).toContain('Заявки 2099-000001 нет в вашей книге.');
      expect(JSON.stringify(book())).toBe(before);
      const anonymous = await fetch(`${local.url}/territory`);
      expect(anonymous.status).toBe(403);
    } finally {
      await local.close();
    }
  }, 60000);

  it('a second application with a known СНИЛС is refused without showing the standing application’s number', async () => {
    const local = await startLocal();
    try {
      const label = await fetch(`${local.url}/apply`)
        .then((r) => r.text())
        .then((html) => (/<option>(ОМ-02 — [^<]+)<\/option>/.exec(html)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
      const apply = (email: string) =>
        fetch(`${local.url}/apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            lastName: 'Повторова',
            firstName: 'Вера',
            email,
            phone: '+7 902 111-22-33',
            territory: 'Пермский городской округ',
            organization: 'МАОУ «СОШ № 5»',
            position: 'учитель',
            course: label,
            birthDate: '1985-01-01',
            sex: 'женский',
            snils: '112-233-445 95',
            educationLevel: 'высшее',
            consent: CONSENT_CHOICE,
          }),
        }).then((r) => r.text());
      const first = /Заявка принята: номер <strong>(\d{4}-\d{6})/.exec(await apply('vera@school.example'))?.[1];
      expect(first).toMatch(/^\d{4}-\d{6}$/);
      const second = await apply('stranger@mail.example');
      expect(second).toContain('новая заявка не создана');
      expect(second).not.toContain(String(first));
    } finally {
      await local.close();
    }
  }, 60000);
});

describe('local bank: documents', () => {
  it('a leader’s request is made by the job; the documents open for the group’s subdivision only', async () => {
    const local = await startLocal();
    try {
      const as = local.as;
      const rpc = async (email: string, fn: string, arg: unknown) =>
        (await (
          await fetch(`${local.url}/rpc/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...as(email) }, body: JSON.stringify([arg]) })
        ).json()) as {
          value: { ok: boolean; value: { state: string; registry: Array<{ group: string; documents: string }> } };
        };
      const group = String(
        local.bank.master
          .table(GROUP_REGISTRY)
          .read()
          .find((g) => String(g.group).startsWith('ОМ-01-'))?.group,
      );
      // From the leader's cabinet: a request, made by the job.
      const asked = await rpc('leader.om@demo.local', 'submitRequest', { kind: 'generateDocuments', args: { group } });
      expect(asked.value).toMatchObject({ ok: true, value: { state: expect.stringMatching(/^ожидает обработки/) } });
      const job = await fetch(`${local.url}/job`, { method: 'POST', headers: as('sector@demo.local') });
      expect(job.status).toBe(200);
      const view = await rpc('leader.om@demo.local', 'getCabinet', {});
      const row = view.value.value.registry.find((g) => g.group === group);
      const link = String(row?.documents).split('\n')[0].split(': ')[1];
      expect(decodeURIComponent(link)).toMatch(/^\/documents\/ЕБППК\/\d{4}\/ОМ\/ОМ-01-/);
      expect((await fetch(`${local.url}${link}`, { headers: as('leader.om@demo.local') })).status).toBe(200);
      expect((await fetch(`${local.url}${link}`, { headers: as('head.om@demo.local') })).status).toBe(200);
      expect((await fetch(`${local.url}${link}`, { headers: as('leader.co@demo.local') })).status).toBe(403);
      expect((await fetch(`${local.url}${link}`, { headers: as('sector@demo.local') })).status).toBe(200);
    } finally {
      await local.close();
    }
  }, 60000);
});

describe('local bank: the leader’s whole job from /cabinet', () => {
  it('a leader edits a course, corrects a learner, exports ФИС ФРДО and statistics for their subdivision — each carried out at once', async () => {
    const local = await startLocal();
    try {
      const as = local.as;
      const leader = 'leader.co@demo.local';
      type Answer = { ok: boolean; value?: Record<string, unknown> & { id?: string }; error?: string; fields?: Record<string, string> };
      const rpc = async (fn: string, arg: unknown, email = leader) =>
        (
          (await (
            await fetch(`${local.url}/rpc/${fn}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...as(email) },
              body: JSON.stringify([arg]),
            })
          ).json()) as { value: Answer }
        ).value;
      const view = async () =>
        (await rpc('getCabinet', {})).value as Record<string, never> & {
          runNow: { url: string; cabinet: string };
          cards: Array<{ code: string; title: string; quotas: unknown[] }>;
          registry: Array<{ group: string; documents: string }>;
          periodStats: { figures: { subdivision: string; totals: { completed: number } } } | null;
        };
      /** Asks, then the sidebar's "now" (the web app's door: /status with the cabinet), as the browser does. */
      const now = async (kind: string, args: unknown) => {
        const asked = await rpc('submitRequest', { kind, args });
        if (!asked.ok) return asked;
        const v = await view();
        const r = await fetch(`${local.url}${v.runNow.url}`, { method: 'POST', body: new URLSearchParams({ cabinet: v.runNow.cabinet }) });
        const answer = (await r.json()) as { value: { results: Array<{ id: string; state: string; result: string }> } };
        return answer.value.results.find((x) => x.id === asked.value?.id);
      };

      // The page names the person once: «Руководитель курсов (ЦО) — руководитель курсов», no second pair of brackets.
      const page = await (await fetch(`${local.url}/cabinet`, { headers: as(leader) })).text();
      expect(page).toContain('Руководитель курсов (ЦО) — ');
      expect(page).not.toMatch(/\(ЦО\) \(/);

      // The course card, edited: saved at once, the cabinet shows it.
      const card = (await view()).cards.find((c) => c.code === 'ЦО-01');
      expect(card).toBeDefined();
      expect(await now('saveCourse', { ...card, title: 'Цифровые инструменты учителя (2-й поток)' })).toMatchObject({
        state: 'выполнено',
        result: 'курс ЦО-01 сохранён',
      });
      expect((await view()).cards.find((c) => c.code === 'ЦО-01')?.title).toBe('Цифровые инструменты учителя (2-й поток)');

      // A learner of ОМ-01's group (still studying), corrected by ОМ's leader.
      const om = 'leader.om@demo.local';
      const learner = ((await rpc('getCabinetCourse', { code: 'ОМ-01' }, om)).value as { groups: Array<{ id: string; organization: string }> }).groups[0];
      expect(learner).toBeDefined();
      const asked = await rpc('submitRequest', { kind: 'correctLearner', args: { id: learner.id, organization: 'МАОУ «Гимназия № 2»' } }, om);
      expect(asked).toMatchObject({ ok: true });
      expect((await fetch(`${local.url}/job`, { method: 'POST', headers: as('sector@demo.local') })).status).toBe(200);
      const corrected = ((await rpc('getCabinetCourse', { code: 'ОМ-01' }, om)).value as { groups: Array<{ id: string; organization: string }> }).groups;
      expect(corrected.find((g) => g.id === learner.id)?.organization).toBe('МАОУ «Гимназия № 2»');

      // ФИС ФРДО of the year: a file of the subdivision's documents, downloaded by its people only.
      const year = local.bank.clock.now().getFullYear();
      const frdo = await now('exportFrdoFile', { from: `${year}-01-01`, to: `${year}-12-31` });
      expect(frdo).toMatchObject({ state: 'выполнено', result: expect.stringMatching(/^файл «ФИС ФРДО .*»: строк [1-9]/) });
      const link = /\/documents\/\S+/.exec(String((frdo as { result: string }).result))?.[0] as string;
      expect(decodeURIComponent(link)).toMatch(new RegExp(`^/documents/ЕБППК/${year}/ЦО/ФИС ФРДО `));
      const file = await fetch(`${local.url}${link}`, { headers: as(leader) });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      // UTF-8 with its byte-order mark (Excel reads the Cyrillic then), «;» between the template's columns.
      const bytes = Buffer.from(await file.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8').split('\r\n')[0]).toMatch(/^\uFEFFВид документа;Статус документа;/);
      expect((await fetch(`${local.url}${link}`, { headers: as('leader.om@demo.local') })).status).toBe(403);

      // The registration book of the finished group opens for the leader (it is the subdivision's), not for another's.
      const finished = (await view()).registry.find((g) => g.group.startsWith('ЦО-01-'))?.group;
      expect(await now('generateDocuments', { group: finished })).toMatchObject({ state: 'выполнено' });
      expect((await fetch(`${local.url}/job`, { method: 'POST', headers: as('sector@demo.local') })).status).toBe(200);
      const documents = String((await view()).registry.find((g) => g.group === finished)?.documents).split('\n');
      const register = documents.find((l) => l.startsWith('Книга регистрации'))?.split(': ')[1] as string;
      expect(decodeURIComponent(register)).toMatch(new RegExp(`^/documents/ЕБППК/${year}/ЦО/Книга регистрации`));
      expect((await fetch(`${local.url}${register}`, { headers: as(leader) })).status).toBe(200);
      expect((await fetch(`${local.url}${register}`, { headers: as('leader.om@demo.local') })).status).toBe(403);

      // Statistics for the year: the subdivision's.
      expect(await now('getStatistics', { from: `${year}-01-01`, to: `${year}-12-31` })).toMatchObject({ state: 'выполнено' });
      expect((await view()).periodStats?.figures.subdivision).toBe('ЦО');
    } finally {
      await local.close();
    }
  }, 60000);
});
