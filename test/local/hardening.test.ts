// The local bank against forged and oversized requests: headers on every answer, same-origin state changes, JSON-only
// server calls, sign-in only by POST, body limits — each answered in Russian, nothing changed.

import * as http from 'node:http';
import * as path from 'node:path';
import { FORM_RESPONSES } from '../../src/core/sheets/form-responses';
import { LEDGER } from '../../src/core/sheets/master';
import { createServer } from '../../src/local/server';
import { isoOf, TEST_NOW } from '../clock';
import { formFields, startLocal } from './server-harness';

describe('local bank: hardening (issue 15)', () => {
  it('sends CSP, X-Frame-Options, nosniff and Referrer-Policy; a sidebar may be framed by the bank only; scripts only by hash', async () => {
    const local = await startLocal();
    try {
      const home = await fetch(`${local.url}/`);
      expect(home.headers.get('x-content-type-options')).toBe('nosniff');
      expect(home.headers.get('referrer-policy')).toBe('same-origin');
      expect(home.headers.get('x-frame-options')).toBe('DENY');
      expect(home.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      const sidebar = await fetch(`${local.url}/sidebar/cabinet`);
      const csp = String(sidebar.headers.get('content-security-policy'));
      expect(sidebar.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    } finally {
      await local.close();
    }
  }, 60000);

  it('refuses a state change from another origin, a server call that is not JSON, and a sign-in by link', async () => {
    const local = await startLocal();
    try {
      const book = () => local.methodistBank('perm');
      const before = JSON.stringify(book());
      const id = String(book()[0].id);
      // Another site's form (or a page on another port of this host) posting the methodist's decision.
      const forged = await fetch(`${local.url}/territory/decide`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:9', ...local.as('methodist.perm@demo.local') },
        body: new URLSearchParams({ id, decision: 'Отклонить', reason: 'подделка' }),
      });
      expect(forged.status).toBe(403);
      expect(await forged.text()).toContain('Запрос пришёл не со страниц банка');
      const crossSite = await fetch(`${local.url}/territory/decide`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', ...local.as('methodist.perm@demo.local') },
        body: new URLSearchParams({ id, decision: 'Отклонить', reason: 'подделка' }),
      });
      expect(crossSite.status).toBe(403);
      expect(JSON.stringify(book())).toBe(before);
      // A no-cors "simple" request: text/plain that parses as JSON.
      const plain = await fetch(`${local.url}/rpc/getCabinet`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...local.as('leader.om@demo.local') },
        body: '[{}]',
      });
      expect(plain.status).toBe(415);
      // A link cannot sign anyone in; the login page's own POST does.
      const link = await fetch(`${local.url}/login?as=sector%40demo.local`, { redirect: 'manual' });
      expect(link.headers.get('set-cookie')).toBeNull();
      const post = await fetch(`${local.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: local.url },
        body: new URLSearchParams({ as: 'sector@demo.local' }),
      });
      expect(post.status).toBe(303);
      const cookie = String(post.headers.get('set-cookie'));
      expect(cookie).toMatch(/^ebppk_user=[\w-]+\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      // A cookie made by hand, or with its signature altered, names nobody.
      const asSector = async (c: string) => (await fetch(`${local.url}/bank`, { headers: { cookie: c } })).status;
      expect(await asSector(cookie.split(';')[0])).toBe(200);
      expect(await asSector('ebppk_user=sector%40demo.local')).toBe(403);
      const [value, mac] = cookie.split(';')[0].split('.');
      expect(await asSector(`${value}.${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`)).toBe(403);
      // …and so is the same MAC spelled with other unused bits in its last character.
      const last = mac[mac.length - 1];
      const alias = 'AEIMQUYcgkosw048'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last;
      if (alias !== last) expect(await asSector(`${value}.${mac.slice(0, -1)}${alias}`)).toBe(403);
      // Another user's name under the sector's signature: nobody either (the leader may not open the master).
      expect(await asSector(`ebppk_user=${Buffer.from('leader.om@demo.local').toString('base64url')}.${mac}`)).toBe(403);
    } finally {
      await local.close();
    }
  }, 60000);

  it('ends a session on the server: «Выйти» voids every cookie the person had, and a sign-in lasts a working day', async () => {
    const local = await startLocal();
    try {
      const bankAs = async (cookie: string) => (await fetch(`${local.url}/bank`, { headers: { cookie } })).status;
      const kept = local.as('sector@demo.local').cookie; // a copy someone kept of the cookie (another tab, a stolen one)
      const other = local.as('sector@demo.local').cookie;
      const leader = local.as('leader.om@demo.local').cookie;
      expect(await bankAs(kept)).toBe(200);
      const out = await fetch(`${local.url}/logout`, { redirect: 'manual', headers: { cookie: other } });
      expect(out.status).toBe(303);
      expect(await bankAs(kept)).toBe(403);
      expect(await bankAs(other)).toBe(403);
      // Signed in again: a new cookie works — for twelve hours on the bank's clock.
      const fresh = local.as('sector@demo.local').cookie;
      expect(await bankAs(fresh)).toBe(200);
      local.clock.set(new Date(local.clock.now().getTime() + 11 * 3600_000));
      expect(await bankAs(fresh)).toBe(200);
      local.clock.set(new Date(local.clock.now().getTime() + 1 * 3600_000 + 1000));
      expect(await bankAs(fresh)).toBe(403);
      // Another person's session is untouched by this one's «Выйти» (until its own day ends).
      local.clock.set(new Date(local.clock.now().getTime() - 2 * 3600_000));
      expect((await fetch(`${local.url}/cabinet`, { headers: { cookie: leader } })).status).toBe(200);
    } finally {
      await local.close();
    }
  }, 60000);

  it('records the server’s time of receipt, whatever the form posts as «submittedAt»', async () => {
    const local = await startLocal();
    try {
      const before = local.clock.now().getTime();
      const r = await fetch(`${local.url}/apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...formFields(local.bank), submittedAt: '2000-01-01', createdAt: '2000-01-01' }),
      });
      expect(r.status).toBe(200);
      const last = local.bank.master.table(FORM_RESPONSES).read().at(-1) as { submittedAt: Date; lastName: string };
      expect(last.lastName).toBe('Иванова');
      expect(last.submittedAt).toBeInstanceOf(Date);
      expect(last.submittedAt.getTime()).toBeGreaterThan(before);
    } finally {
      await local.close();
    }
  }, 60000);

  it('serves the sidebars with the bank’s own "today" (its clock, not the machine’s)', async () => {
    const local = await startLocal();
    try {
      for (const name of ['sector', 'cabinet']) {
        const html = await (await fetch(`${local.url}/sidebar/${name}`, { headers: { cookie: local.as('sector@demo.local').cookie } })).text();
        expect(html).toContain(`<meta name="ebppk-today" content="${isoOf(TEST_NOW)}">`);
      }
    } finally {
      await local.close();
    }
  }, 60000);

  it('answers only to this computer’s names (421 for a rebound Host), 400 for a malformed address, and sends its headers with redirects too', async () => {
    const local = await startLocal();
    const port = Number(new URL(local.url).port);
    /** A raw request: fetch sets Host itself, a DNS-rebinding page's browser sends the attacker's name. */
    const raw = (pathname: string, host: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: pathname, headers: { host, ...headers } }, (res) => {
          let body = '';
          res.on('data', (d) => (body += String(d)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const cookie = local.as('sector@demo.local').cookie;
      const rebound = await raw('/bank', `rebind.evil.example:${port}`, { cookie, origin: `http://rebind.evil.example:${port}` });
      expect(rebound.status).toBe(421);
      expect(rebound.body).not.toContain('Реестр заявок');
      expect(rebound.body).toContain('только по адресам этого компьютера');
      expect((await raw('/bank', `localhost:${port + 1}`, { cookie })).status).toBe(421);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) expect((await raw('/', host)).status).toBe(200);
      for (const bad of ['/documents/%', '/documents/%E0%A4%A']) expect((await raw(bad, `127.0.0.1:${port}`, { cookie })).status).toBe(400);
      const out = await raw('/logout', `127.0.0.1:${port}`, { cookie });
      expect(out.status).toBe(303);
      expect(out.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' });
    } finally {
      await local.close();
    }
  }, 60000);

  it('limits how many applications one client sends per minute: 429 in Russian, nothing recorded beyond the limit', async () => {
    const local = await startLocal();
    let now = 1_000_000;
    const server = createServer({ bank: local.bank, buildDir: path.join(__dirname, '..', '..', 'build'), applyPerMinute: 3, now: () => now });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const apply = () =>
        fetch(`${url}/apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(formFields(local.bank, { lastName: 'Поток', snils: '000-000-007 00' })),
        });
      const responses = () => local.bank.master.table(FORM_RESPONSES).count();
      const before = responses();
      for (let i = 0; i < 3; i++) expect((await apply()).status).toBe(200);
      now += 20_000;
      const refused = await apply();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('40');
      expect(await refused.text()).toContain('Слишком много заявок подряд с этого компьютера. Подождите 40 с');
      expect(responses()).toBe(before + 3);
      now += 40_000;
      expect((await apply()).status).toBe(200);
      expect(responses()).toBe(before + 4);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      await local.close();
    }
  }, 60000);

  it('the status page: one answer for a wrong and a missing pair, 5 look-ups a minute per number', async () => {
    let now = 5_000_000;
    const local = await startLocal();
    const server = createServer({ bank: local.bank, buildDir: path.join(__dirname, '..', '..', 'build'), now: () => now });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const app = local.bank.master
        .table(LEDGER)
        .read()
        .find((r) => r.stage === 'group');
      if (!app) throw new Error('the seed has no one in a group');
      const ask = async (id: string, email: string) => {
        const r = await fetch(`${url}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ id, email }),
        });
        return { status: r.status, text: await r.text() };
      };
      expect((await fetch(`${url}/status`)).status).toBe(200);
      const right = await ask(String(app.id), String(app.email).toUpperCase());
      expect(right.status).toBe(200);
      expect(right.text).toContain(`Заявка ${app.id}: в группе`);
      expect(right.text).not.toContain(String(app.lastName));
      const wrong = await ask(String(app.id), 'someone@else.ru');
      const missing = await ask('2026-999999', String(app.email));
      const message = (t: string) => /role="alert">([^<]*)</.exec(t)?.[1];
      expect(message(wrong.text)).toBe(
        'Заявка с таким номером и адресом не найдена. Проверьте номер (вида 2026-000123) и адрес эл. почты, указанный в заявке.',
      );
      expect(message(missing.text)).toBe(message(wrong.text));
      // Guessing addresses for one number: the sixth try within the minute waits.
      for (let i = 0; i < 3; i++) expect((await ask(String(app.id), `guess${i}@x.ru`)).status).toBe(200);
      const limited = await ask(String(app.id), 'guess9@x.ru');
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Слишком много запросов подряд');
      now += 61_000;
      expect((await ask(String(app.id), String(app.email))).status).toBe(200);
      expect((await ask('not-a-number', 'a@b.ru')).status).toBe(400);
      // Withdrawing consent (152-ФЗ): an application at the provider leaves it; the page says so and offers nothing more.
      now += 61_000;
      const waiting = local.bank.master
        .table(LEDGER)
        .read()
        .find((r) => r.stage === 'provider');
      if (!waiting) throw new Error('the seed has no one at the provider');
      const withdraw = await fetch(`${url}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id: String(waiting.id), email: String(waiting.email), action: 'withdraw', confirm: 'да' }),
      });
      const text = await withdraw.text();
      expect(withdraw.status).toBe(200);
      expect(text).toContain('Согласие на обработку персональных данных отозвано.');
      expect(text).not.toContain('value="withdraw"');
      expect(
        local.bank.master
          .table(LEDGER)
          .read()
          .find((r) => r.id === waiting.id),
      ).toMatchObject({ stage: 'withdrawn', updatedBy: 'заявитель (страница статуса)' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      await local.close();
    }
  }, 60000);

  it('answers an oversized body with 413 in Russian and keeps serving', async () => {
    const local = await startLocal();
    try {
      const big = await fetch(`${local.url}/apply`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ lastName: 'Я'.repeat(200_000) }),
      });
      expect(big.status).toBe(413);
      expect(await big.text()).toContain('Слишком большой запрос');
      expect((await fetch(`${local.url}/`)).status).toBe(200);
      // A sidebar call over 256 KB, and 5 MB: 413 (not 400, not a reset), and the server keeps serving.
      const cookie = local.as('sector@demo.local').cookie;
      for (const size of [300 * 1024, 5 * 1024 * 1024]) {
        const r = await fetch(`${local.url}/rpc/getAccessList`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify([{ x: 'я'.repeat(size / 2) }]),
        });
        expect({ size, status: r.status }).toEqual({ size, status: 413 });
      }
      expect((await fetch(`${local.url}/`)).status).toBe(200);
    } finally {
      await local.close();
    }
  }, 60000);
});
