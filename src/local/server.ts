// The local bank's web server (Node http): pages, the RPC endpoint behind the sidebars' google.script.run stand-in,
// the teacher's form and the job. Every completed operation is saved to the .xlsx files before the answer is sent.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { MemoryWorkbook } from '../adapters/memory/memory-workbook';
import { getCabinet, getCabinetCourse, saveAttendance, submitRequest } from '../app/cabinet';
import { runCabinetNow } from '../app/cabinet-sync';
import { describeJob, runJob } from '../app/job';
import { getHelpInfo, type Rpc } from '../app/rpc';
import * as staff from '../app/rpc-staff';
import { withToday } from '../app/today';
import { FORM_ITEMS } from '../core/intake/form-spec';
import { fieldOfReason, formRuleErrors } from '../core/intake/parse-response';
import { processResponses } from '../core/intake/process-responses';
import type { Clock, Workbook } from '../core/ports';
import { FORM_RESPONSES } from '../core/sheets/form-responses';
import { ACCESS, CABINETS, TERRITORIES } from '../core/sheets/master';
import { DECISIONS, METHODIST_BANK } from '../core/sheets/territory';
import { type CurrentUser, currentUser } from '../core/use-cases/current-user';
import { applicationStatus, StatusInput, statusAnswerHtml, WithdrawInput, withdrawByTeacher } from '../core/use-cases/status';
import { esc } from './html';
import { type LocalBank, SaveError } from './local-bank';
import { applyPage, bankPage, cabinetPage, denied, formLists, homePage, loginPage, statisticsPage, statusPage, territoryPage } from './pages';
import { STAND_IN } from './script-run-stand-in';
import { saveWorkbook } from './xlsx-files';

/** The sidebars' server functions by name: the very handlers Apps Script serves (src/gas/main.ts). */
const RPC = new Map<string, Rpc>(Object.entries({ getHelpInfo, ...(staff as Record<string, Rpc>) }));
/** The cabinet script's functions (src/cabinet/main.ts binds the same ones in Apps Script). */
const CABINET_RPC = new Map<string, (book: Workbook, email: string, raw: unknown, clock: Clock) => unknown>([
  [
    'getCabinet',
    (book, email, _raw, clock) => {
      // Requests are carried out at once by this server's /status (the web app's door in Apps Script), same origin.
      const r = getCabinet(book, email, clock);
      return r.ok ? { ok: true, value: { ...r.value, runNow: { url: '/status', cabinet: book.id } } } : r;
    },
  ],
  ['getCabinetCourse', (book, email, raw) => getCabinetCourse(book, email, raw)],
  ['submitRequest', (book, email, raw, clock) => submitRequest(book, email, clock, raw)],
  ['saveAttendance', (book, email, raw, clock) => saveAttendance(book, email, clock, raw)],
]);

export interface ServerOptions {
  readonly bank: LocalBank;
  /** Where the built sidebars are (build/). */
  readonly buildDir: string;
  /** Applications one client may send per minute (default 10). */
  readonly applyPerMinute?: number;
  /** The rate limiter's clock, ms (tests freeze it). */
  readonly now?: () => number;
}

/**
 * A sliding one-minute window per client: at most `limit` requests; the answer says when the next one is allowed. A
 * stranger cannot flood the bank (storage, the mail quota) through the form.
 */
export class RateLimiter {
  private readonly seen = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly now: () => number = () => Date.now(),
    private readonly windowMs = 60_000,
  ) {}
  /** 0 when allowed (and counted); otherwise the seconds to wait. */
  take(client: string): number {
    const t = this.now();
    const recent = (this.seen.get(client) ?? []).filter((x) => x > t - this.windowMs);
    if (recent.length >= this.limit) return Math.max(1, Math.ceil((recent[0] + this.windowMs - t) / 1000));
    recent.push(t);
    this.seen.set(client, recent);
    if (this.seen.size > 10_000) for (const [k, v] of this.seen) if (!v.some((x) => x > t - this.windowMs)) this.seen.delete(k);
    return 0;
  }
}

/** A body over the limit: answered 413 in Russian, the rest of it not read. */
class TooLarge extends Error {}

/** Request bodies: an application form or a decision is a few KB; a sidebar call's arguments at most a group's outcomes. */
const LIMITS = { form: 64 * 1024, rpc: 256 * 1024 } as const;
/** How much of a refused body is read past (and dropped) so its sender gets the 413; beyond it the connection is cut. */
const DRAIN_LIMIT = 32 * 1024 * 1024;

const readBody = (req: http.IncomingMessage, limit: number = LIMITS.form): Promise<string> =>
  new Promise((resolve, reject) => {
    // A body announced as too long is refused before a byte of it is read.
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new TooLarge());
    let data = '';
    let done = false;
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      if (done) return;
      data += c;
      if (Buffer.byteLength(data) > limit) {
        done = true;
        req.pause();
        reject(new TooLarge());
      }
    });
    req.on('end', () => !done && resolve(data));
    req.on('error', (e) => !done && reject(e));
  });

/** sha256 of each inline <script>: the page's CSP allows exactly those, no other inline script. */
const scriptHashes = (html: string): string[] =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);

/**
 * Headers on every answer: no sniffing, no referrer, no framing by others (the sidebars are framed by the bank's own
 * pages, so they allow their own origin), and for HTML a CSP that allows only this origin and the page's own scripts.
 */
export const securityHeaders = (path: string, type: string, body: string): Record<string, string> => {
  const framed = path.startsWith('/sidebar/');
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer Chromium sends «Origin: null» even for the bank's own forms.
    'referrer-policy': 'same-origin',
    'x-frame-options': framed ? 'SAMEORIGIN' : 'DENY',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = [
      "default-src 'self'",
      `script-src 'self' ${scriptHashes(body).join(' ')}`.trim(),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      `frame-ancestors ${framed ? "'self'" : "'none'"}`,
    ].join('; ');
  }
  return headers;
};

/** The Host a browser on this computer sends for the bank: its loopback names with the port it listens on. */
export const allowedHost = (host: string | undefined, port: number | undefined): boolean =>
  !!host && !!port && [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());

/**
 * A state-changing request must come from the bank's own pages: a browser says where a request comes from (Origin, or
 * Sec-Fetch-Site); another site's form or script — even on another port of this host — is refused.
 */
const sameOrigin = (req: http.IncomingMessage): boolean => {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin !== undefined && origin !== 'null') return origin === `http://${req.headers.host}`;
  if (origin === 'null') return site === 'same-origin';
  return site === undefined || site === 'same-origin' || site === 'none';
};

/**
 * Who is signed in: the cookie holds the e-mail and its HMAC-SHA256 under the bank's session secret, so a cookie made by
 * hand (or by another program on this computer) names nobody. A bad or unsigned cookie is simply no sign-in.
 */
/** How long a sign-in lasts: a working day, then the person signs in again. */
export const SESSION_HOURS = 12;

/** What a session cookie carries, signed: who, until when (ms), and the person's session generation. */
interface Session {
  readonly e: string;
  readonly x: number;
  readonly g: number;
}

const sessionCookie = (secret: Buffer, s: Session): string => {
  const value = Buffer.from(JSON.stringify(s), 'utf8').toString('base64url');
  return `${value}.${crypto.createHmac('sha256', secret).update(value).digest('base64url')}`;
};

/** «Выйти» bumps the person's generation (kept with the bank): every cookie issued to them before is void at once. */
const generationOf = (bank: LocalBank, email: string): number => Number(bank.properties.get(`session.${email}`) ?? 0);

/** A new session for `email` on the bank's clock: the cookie's value. */
export const issueSession = (bank: LocalBank, secret: Buffer, email: string): string =>
  sessionCookie(secret, { e: email, x: bank.clock.now().getTime() + SESSION_HOURS * 3600_000, g: generationOf(bank, email) });

const cookieSession = (secret: Buffer, req: http.IncomingMessage): Session | null => {
  const m = /(?:^|;\s*)ebppk_user=([A-Za-z0-9_-]{1,600})\.([A-Za-z0-9_-]{43})(?:;|$)/.exec(req.headers.cookie ?? '');
  if (!m) return null;
  // Compared as text: a MAC spelled differently (base64url's unused last bits) is not the MAC we issued.
  const want = Buffer.from(crypto.createHmac('sha256', secret).update(m[1]).digest('base64url'));
  const got = Buffer.from(m[2]);
  if (got.length !== want.length || !crypto.timingSafeEqual(got, want)) return null;
  try {
    const s = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')) as Partial<Session>;
    return typeof s.e === 'string' && typeof s.x === 'number' && typeof s.g === 'number' ? (s as Session) : null;
  } catch {
    return null;
  }
};

/** Who a request is signed in as: '' for no cookie, a forged one, an expired one, or one issued before «Выйти». */
const cookieEmail = (bank: LocalBank, secret: Buffer, req: http.IncomingMessage): string => {
  const s = cookieSession(secret, req);
  return s && s.x > bank.clock.now().getTime() && s.g === generationOf(bank, s.e) ? s.e : '';
};

/** The session secret: 32 random bytes in the data folder (0600), made at first start; a read-only bank keeps one in memory. */
export const sessionSecret = (bank: LocalBank): Buffer => {
  if (bank.readOnly) return crypto.randomBytes(32);
  const file = path.join(bank.dir, 'session.key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
};

export const createServer = ({ bank, buildDir, applyPerMinute = 10, now }: ServerOptions): http.Server => {
  const secret = sessionSecret(bank);
  const applyLimit = new RateLimiter(applyPerMinute, now);
  // The status page: 20 look-ups a minute per client, and 5 a minute per application number (nobody tries addresses
  // against one number), the same message for both.
  const statusByClient = new RateLimiter(20, now);
  const statusByNumber = new RateLimiter(5, now);
  // A cabinet's "carry out my requests now": 12 a minute per cabinet, as the web app allows.
  const runsByCabinet = new RateLimiter(12, now);
  const userOf = (req: http.IncomingMessage): CurrentUser => currentUser(bank.master.table(ACCESS), cookieEmail(bank, secret, req));
  const whoLabel = (u: CurrentUser) => (u.role ? `${u.name || u.email}` : '');
  const send = (res: http.ServerResponse, status: number, body: string, type = 'text/html; charset=utf-8', headers: Record<string, string> = {}) => {
    const path = new URL(res.req?.url ?? '/', 'http://local').pathname;
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...securityHeaders(path, type, body), ...headers });
    res.end(body);
  };
  const redirect = (res: http.ServerResponse, to: string, headers: Record<string, string> = {}) => {
    res.writeHead(303, { location: to, 'cache-control': 'no-store', ...securityHeaders('', '', ''), ...headers });
    res.end();
  };

  /**
   * The cabinet a person may open: a leader's or head's own subdivision's (as its Google sharing says); the sector may
   * look into any (`?subdivision=`). Anyone else, or another subdivision's: refused.
   */
  const cabinetOf = (user: CurrentUser, asked: string | null): { ok: true; book: Workbook; subdivision: string } | { ok: false; error: string } => {
    const mine = user.role === 'leader' || user.role === 'head';
    if (!mine && user.role !== 'sector') return { ok: false, error: 'Кабинеты подразделений открыты руководителям курсов и начальникам отделов.' };
    const subdivision = asked ?? (mine ? user.scope : '');
    if (mine && subdivision !== user.scope) return { ok: false, error: 'Это кабинет другого подразделения.' };
    const row = bank.master
      .table(CABINETS)
      .read()
      .find((c) => c.subdivision === subdivision);
    if (!row?.spreadsheetId) return { ok: false, error: `Кабинета подразделения «${subdivision}» нет: сектор создаёт его «Настроить банк».` };
    const id = String(row.spreadsheetId);
    if (mine && !bank.books.editors(id).includes(user.email)) return { ok: false, error: 'Кабинет ещё не открыт вам: банк откроет его в течение 5 минут.' };
    return { ok: true, book: bank.books.open(id), subdivision };
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const user = userOf(req);
    const p = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (!sameOrigin(req)) return send(res, 403, denied('', 'Запрос пришёл не со страниц банка и отклонён.'));
      if (p.startsWith('/rpc/') && !String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return send(res, 415, JSON.stringify({ error: 'Неверный запрос: данные передаются только как application/json.' }), 'application/json; charset=utf-8');
    }
    if (req.method === 'GET' && p === '/') return send(res, 200, homePage(whoLabel(user)));
    if (req.method === 'GET' && p === '/apply') return send(res, 200, applyPage(bank, whoLabel(user)));
    if (req.method === 'POST' && p === '/apply') {
      const wait = applyLimit.take(req.socket.remoteAddress ?? '');
      if (wait) {
        req.resume();
        return send(res, 429, denied('', `Слишком много заявок подряд с этого компьютера. Подождите ${wait} с и отправьте снова.`), undefined, {
          'retry-after': String(wait),
        });
      }
      const form = new URLSearchParams(await readBody(req));
      // Only the Form's own items: anything else posted (a «submittedAt», say) is not the teacher's to set.
      const items = new Set(FORM_ITEMS.map((i) => i.key));
      const raw: Record<string, string> = {};
      form.forEach((v, k) => {
        if (items.has(k)) raw[k] = v;
      });
      if (raw.position === '__other') raw.position = form.get('positionOther') ?? '';
      // What the Google Form refuses before recording anything (required answers, patterns, lists) is refused here too,
      // beside each field: an empty or malformed form never reaches «Ответы формы» or «На проверке».
      const refused = formRuleErrors(raw, formLists(bank));
      const count = Object.keys(refused).length;
      /** The form again, with a message on top and errors beside their fields. */
      const answer = (values: Record<string, string>, message: string, errors?: Record<string, string>) =>
        send(res, 200, applyPage(bank, whoLabel(user), values, message, errors));
      if (count)
        return answer(
          raw,
          `<div class="err" role="alert"><strong>Заявка не отправлена.</strong> Исправьте ${count === 1 ? 'отмеченное поле' : `отмеченные поля (${count})`}: что не так — под каждым из них.</div>`,
          refused,
        );
      const app = bank.app('форма');
      const responses = bank.master.table(FORM_RESPONSES);
      const responseId = String(responses.count() + 2);
      // As Google does: the raw response is recorded first, with the server's time of receipt, then processed.
      const receivedAt = app.clock.now();
      responses.append([{ ...raw, submittedAt: receivedAt }]);
      const r = processResponses({ master: bank.master, books: bank.books, clock: app.clock, properties: app.properties, lock: app.lock }, [
        { responseId, submittedAt: receivedAt, raw },
      ]);
      await bank.save();
      if (r.accepted.length)
        return answer(
          {},
          `<p class="ok" role="status">Заявка принята: номер <strong>${esc(r.accepted[0].applicationId)}</strong>. Её рассмотрит методист вашей территории; письмо с номером отправлено на вашу почту.</p>`,
        );
      if (r.duplicates.length)
        return answer(
          {},
          // Whoever typed a known СНИЛС sees nothing of the standing application (its number is for staff).
          '<p class="note" role="status">Заявка на этот курс с этими данными уже есть в банке, поэтому новая заявка не создана. Сообщения о ней приходят на адрес из первой заявки.</p>',
        );
      const reasons = r.quarantined[0]?.reasons ?? [];
      // Beside the fields too: the first reason of each (every reason starts with its field's label).
      const beside: Record<string, string> = {};
      for (const reason of reasons) {
        const key = fieldOfReason(reason);
        if (key && !beside[key]) beside[key] = reason;
      }
      return answer(
        raw,
        `<div class="err" role="alert"><strong>Заявка не принята автоматически — она передана сотрудникам на проверку.</strong> Что исправить:<ul>${reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>Исправьте и отправьте форму ещё раз.</div>`,
        beside,
      );
    }
    if (req.method === 'GET' && p === '/status') return send(res, 200, statusPage(whoLabel(user)));
    if (req.method === 'POST' && p === '/status') {
      const form = new URLSearchParams(await readBody(req));
      // A cabinet's sidebar asking for its requests now (as the web app's doPost in Apps Script: src/gas/run-now.ts).
      const cabinetId = form.get('cabinet');
      if (cabinetId !== null) {
        const r = runsByCabinet.take(cabinetId)
          ? { ok: false, error: 'Слишком много запросов подряд: банк выполнит запрос при следующем запуске фонового задания.' }
          : runCabinetNow(bank.app(''), cabinetId);
        if (r.ok) await bank.save();
        return send(res, 200, JSON.stringify(r), 'application/json; charset=utf-8');
      }
      const values = { id: (form.get('id') ?? '').slice(0, 20), email: (form.get('email') ?? '').slice(0, 254) };
      const wait = statusByClient.take(req.socket.remoteAddress ?? '') || statusByNumber.take(values.id.trim());
      if (wait)
        return send(
          res,
          429,
          statusPage(whoLabel(user), values, `<p class="err" role="alert">Слишком много запросов подряд. Подождите ${wait} с и повторите.</p>`),
          undefined,
          { 'retry-after': String(wait) },
        );
      // «Отозвать согласие» posts the same pair with action=withdraw and the confirmation (152-ФЗ).
      const withdraw = form.get('action') === 'withdraw';
      const input = withdraw ? WithdrawInput.safeParse({ ...values, confirm: form.get('confirm') ?? '' }) : StatusInput.safeParse(values);
      if (!input.success) {
        const why = [...new Set(input.error.issues.map((i) => i.message))].join(' ');
        return send(res, 400, statusPage(whoLabel(user), values, `<p class="err" role="alert">${esc(why)}</p>`));
      }
      const r = withdraw ? withdrawByTeacher(bank.app(''), input.data as WithdrawInput) : applicationStatus(bank.master, input.data);
      const answer = r.ok ? statusAnswerHtml(r.value, input.data, '/status') : `<p class="err" role="alert">${esc(r.error)}</p>`;
      if (withdraw && r.ok) await bank.save();
      return send(res, 200, statusPage(whoLabel(user), values, answer));
    }
    if (req.method === 'GET' && p === '/login') return send(res, 200, loginPage(bank, whoLabel(user)));
    if (req.method === 'POST' && p === '/login') {
      // Only by POST from the bank's own page: a link cannot change who you are.
      const as = new URLSearchParams(await readBody(req)).get('as') ?? '';
      const u = currentUser(bank.master.table(ACCESS), as);
      if (!u.role) return send(res, 403, denied('', 'Такого пользователя нет на листе «Доступ».'));
      return redirect(res, u.role === 'methodist' ? '/territory' : u.role === 'sector' ? '/bank' : '/cabinet', {
        'set-cookie': `ebppk_user=${issueSession(bank, secret, u.email)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}`,
      });
    }
    if (req.method === 'GET' && p === '/logout') {
      // Every session of this person ends on the server, not only this browser's cookie.
      const email = cookieEmail(bank, secret, req);
      if (email && !bank.readOnly) {
        bank.properties.set(`session.${email}`, String(generationOf(bank, email) + 1));
        await bank.save();
      }
      return redirect(res, '/', { 'set-cookie': 'ebppk_user=; Path=/; Max-Age=0' });
    }
    if (p === '/territory' || p === '/territory/decide') {
      if (user.role !== 'methodist')
        return send(res, 403, denied(whoLabel(user), 'Книга территории открыта только методистам этой территории. Войдите как методист.'));
      const asked = url.searchParams.get('code');
      if (asked && asked !== user.scope)
        return send(res, 403, denied(whoLabel(user), 'Нет доступа к книге другой территории: методист видит только заявки своей территории.'));
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const id = form.get('id') ?? '';
        const decision = form.get('decision') ?? '';
        if (decision && !(DECISIONS as readonly string[]).includes(decision)) return send(res, 400, denied(whoLabel(user), 'Неизвестное решение.'));
        const t = bank.master
          .table(TERRITORIES)
          .read()
          .find((x) => x.code === user.scope);
        // The methodist edits two cells of their own sheet, as in Google Sheets: nothing else is writable.
        const missing = bank.books
          .open(String(t?.workbookId))
          .table(METHODIST_BANK)
          .updateByIds(new Map([[id, { decision, reason: (form.get('reason') ?? '').slice(0, 1000) }]]));
        await bank.save();
        const msg = missing.length
          ? `<p class="err">Заявки ${esc(id)} нет в вашей книге.</p>`
          : `<p class="ok" role="status">Решение по заявке ${esc(id)} сохранено. Банк выполнит его при синхронизации.</p>`;
        return send(res, 200, territoryPage(bank, user, METHODIST_BANK.name, msg));
      }
      return send(res, 200, territoryPage(bank, user, url.searchParams.get('sheet') ?? METHODIST_BANK.name));
    }
    if (p === '/cabinet') {
      const cabinet = cabinetOf(user, url.searchParams.get('subdivision'));
      if (!cabinet.ok) return send(res, 403, denied(whoLabel(user), cabinet.error));
      return send(res, 200, cabinetPage(cabinet.book, user, `Кабинет: ${cabinet.subdivision}`, url.searchParams.get('sheet') ?? ''));
    }
    if (p === '/bank') {
      if (user.role !== 'sector')
        return send(
          res,
          403,
          denied(
            whoLabel(user),
            user.role === 'methodist'
              ? 'Таблица банка открыта только сектору. Методист работает в книге своей территории.'
              : user.role
                ? 'Таблица банка открыта только сектору. Руководители и начальники работают в кабинете подразделения: /cabinet.'
                : 'Таблица банка открыта только сектору ИРО ПК.',
          ),
        );
      const sidebar = url.searchParams.get('sidebar') ?? (user.role === 'sector' ? 'sector' : user.role === 'head' ? 'head' : 'leader');
      return send(
        res,
        200,
        bankPage(bank, user, url.searchParams.get('sheet') ?? 'Курсы', ['leader', 'head', 'sector'].includes(sidebar) ? sidebar : 'leader'),
      );
    }
    if (req.method === 'GET' && p === '/statistics') {
      if (user.role !== 'sector') return send(res, 403, denied(whoLabel(user), 'Статистика банка открыта сектору ИРО ПК.'));
      return send(res, 200, statisticsPage(bank.stats.last, user));
    }
    if (req.method === 'POST' && p === '/job') {
      if (user.role !== 'sector') return send(res, 403, denied(whoLabel(user), 'Фоновое задание запускает сектор.'));
      const text = describeJob(runJob(bank.app('банк')));
      await bank.save();
      return send(res, 200, bankPage(bank, user, 'Журнал', 'sector', `<p class="ok" role="status">${esc(text)}</p>`));
    }
    if (req.method === 'GET' && p.startsWith('/documents/')) {
      if (!user.role || user.role === 'methodist') return send(res, 403, denied(whoLabel(user), 'Документы групп открыты сотрудникам ИРО ПК.'));
      const rel = p.slice('/documents/'.length).split('/').map(decodeURIComponent);
      if (rel.some((x) => x === '..' || x.includes('/') || x.includes('\\'))) return send(res, 400, denied(whoLabel(user), 'Неверный путь.'));
      // As in Drive: ЕБППК/<год>/<подразделение>/… (its registration book, its ФИС ФРДО files, its groups' folders) is
      // shared with that subdivision; anything else with nobody but the sector.
      if (user.role !== 'sector' && (rel.length < 4 || rel[2] !== user.scope))
        return send(res, 403, denied(whoLabel(user), 'Это документы другого подразделения.'));
      const file = path.join(bank.dir, 'documents', ...rel);
      if (!fs.existsSync(file)) return send(res, 404, denied(whoLabel(user), 'Документ не найден: сформируйте его заново.'));
      // A table is downloaded (to open in Excel), a document shown.
      const csv = file.endsWith('.csv');
      return send(
        res,
        200,
        fs.readFileSync(file, 'utf8'),
        csv ? 'text/csv; charset=utf-8' : 'text/html; charset=utf-8',
        csv ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(rel[rel.length - 1])}` } : {},
      );
    }
    const sidebar = /^\/sidebar\/(help|leader|head|sector|cabinet)$/.exec(p);
    if (req.method === 'GET' && sidebar) {
      // The cabinet's sidebar belongs to the cabinet script's own build, next to the master's.
      const dir = sidebar[1] === 'cabinet' ? path.join(path.dirname(buildDir), `${path.basename(buildDir)}-cabinet`) : buildDir;
      const html = fs.readFileSync(path.join(dir, `${sidebar[1]}.html`), 'utf8');
      return send(res, 200, withToday(html, bank.clock).replace('<head>', `<head>${STAND_IN}`));
    }
    const rpc = /^\/rpc\/([A-Za-z_]+)$/.exec(p);
    if (req.method === 'POST' && rpc) {
      // A Map, not an object: `constructor` or `toString` are not server functions.
      const fn = RPC.get(rpc[1]);
      if ((!fn && !CABINET_RPC.has(rpc[1])) || rpc[1].endsWith('_'))
        return send(res, 404, JSON.stringify({ error: `Script function not found: ${rpc[1]}` }), 'application/json');
      let args: unknown;
      try {
        args = JSON.parse((await readBody(req, LIMITS.rpc)) || '[]');
      } catch (e) {
        if (e instanceof TooLarge) throw e;
        args = null;
      }
      if (!Array.isArray(args))
        return send(res, 400, JSON.stringify({ error: 'Неверный запрос: ожидался список аргументов в JSON.' }), 'application/json; charset=utf-8');
      const inCabinet = CABINET_RPC.get(rpc[1]);
      if (inCabinet) {
        // The cabinet script's functions act on the caller's own cabinet, as the script bound to it would.
        const cabinet = cabinetOf(user, null);
        const result = cabinet.ok ? inCabinet(cabinet.book, user.email, args[0], bank.clock) : { ok: false, error: cabinet.error };
        await bank.save();
        return send(res, 200, JSON.stringify({ value: result }), 'application/json; charset=utf-8');
      }
      // The master's script runs only for its editors: the sector (a leader or head has the cabinet's four functions).
      if (user.role !== 'sector' && rpc[1] !== 'getHelpInfo')
        return send(res, 403, JSON.stringify({ error: 'Таблица банка открыта только сектору ИРО ПК.' }), 'application/json; charset=utf-8');
      const result = (fn as Rpc)(bank.app(user.email), args[0]) as { ok: boolean; value?: { sheet?: string } };
      // The ФИС ФРДО export also becomes a file of its own, ready for the registry's upload.
      if (rpc[1] === 'exportFrdo' && result.ok && result.value?.sheet) await exportSheetFile(bank, result.value.sheet);
      await bank.save();
      return send(res, 200, JSON.stringify({ value: result }), 'application/json; charset=utf-8');
    }
    return send(res, 404, denied(whoLabel(user), 'Страница не найдена.'));
  };

  return http.createServer((req, res) => {
    // Only this computer's own names for the bank: a page of another site that rebinds its name to 127.0.0.1 (DNS
    // rebinding) sends its own Host, and is answered nothing.
    if (!allowedHost(req.headers.host, req.socket.localPort)) {
      req.resume();
      return send(res, 421, denied('', 'Локальный банк отвечает только по адресам этого компьютера: localhost или 127.0.0.1.'));
    }
    handle(req, res).catch((e) => {
      if (e instanceof URIError) {
        req.resume();
        return void (res.headersSent || send(res, 400, denied('', 'Неверный адрес страницы.')));
      }
      if (e instanceof TooLarge) {
        // The rest of the body is let through unread (up to DRAIN_LIMIT), then the answer: closing on a client still
        // sending would reset its connection before it could read the 413.
        const answer = () => {
          if (!res.headersSent)
            send(res, 413, denied('', 'Слишком большой запрос: сократите текст полей.'), 'text/html; charset=utf-8', { connection: 'close' });
        };
        let drained = 0;
        req.on('data', (c: Buffer | string) => {
          drained += c.length;
          if (drained > DRAIN_LIMIT) req.destroy();
        });
        if (req.readableEnded) answer();
        else req.once('end', answer);
        req.resume();
        return;
      }
      console.error(e);
      // A failed save says so in Russian (no paths of this machine); the changes stay due for the next save.
      if (!res.headersSent) send(res, e instanceof SaveError ? 503 : 500, denied('', `Ошибка: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
};

const exportSheetFile = async (bank: LocalBank, name: string): Promise<void> => {
  const one = new MemoryWorkbook('export');
  one.load(name, bank.master.grid(name).rows);
  await saveWorkbook(one, path.join(bank.dir, `${name.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`));
};

/**
 * One run of the job and its save; never rejects (a failed save is logged, and the changed workbooks stay due for the
 * next save — an unhandled rejection would stop the server).
 */
export const jobTick = async (bank: LocalBank, log: (line: string) => void = (l) => console.error(l)): Promise<void> => {
  try {
    const text = describeJob(runJob(bank.app('банк')));
    if (!/^Изменений/.test(text)) log(`[задание] ${text}`);
    await bank.save();
  } catch (e) {
    log(`[задание] ${e instanceof Error ? e.message : String(e)}${e instanceof SaveError ? ` (${e.detail})` : ''}`);
  }
};

/** The job on a timer (sync, sweep, outbox), as the time-driven trigger does in Apps Script. */
export const startJobTimer = (bank: LocalBank, seconds: number): NodeJS.Timeout => setInterval(() => void jobTick(bank), seconds * 1000);
