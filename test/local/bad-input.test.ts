// The local bank's pages refuse bad input with a Russian message and change nothing.

import { CONSENT_CHOICE } from '../../src/core/intake/form-spec';
import { GROUP_REGISTRY } from '../../src/core/sheets/master';
import { startLocal } from './server-harness';

describe('local bank: bad input', () => {
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
