// The local bank's pages refuse bad input with a Russian message and change nothing.

import { TERRITORIES } from '../../src/core/sheets/master';
import { METHODIST_BANK } from '../../src/core/sheets/territory';
import { startLocal } from './server-harness';

describe('local bank: bad input', () => {
  it('refuses an unknown decision and an application of another territory, writing nothing', async () => {
    const local = await startLocal();
    try {
      const book = () => {
        const id = String(
          local.bank.master
            .table(TERRITORIES)
            .read()
            .find((t) => t.code === 'perm')?.workbookId,
        );
        return local.bank.books.open(id).table(METHODIST_BANK).read();
      };
      const before = JSON.stringify(book());
      const post = (body: Record<string, string>) =>
        fetch(`${local.url}/territory/decide`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'ebppk_user=methodist.perm%40demo.local' },
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
});
