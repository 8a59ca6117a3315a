// A local HTTP stand-in of the Google endpoints the CLI uses, started on a random port and selected with the clients'
// `rootUrl` (and the OAuth client file's auth_uri/token_uri). It keeps Google's rules that matter here: a request
// needs a valid bearer token (an access token it issued, or a service account's self-signed JWT); a file is visible
// only to its owner and those it is shared with (404 otherwise, as Drive answers); only owners and writers list or
// change permissions, read a bound script or write values; responses have the documented shapes and errors (401, 403
// with the Apps Script API's own messages, 404, 429 with Retry-After). Faults are injected by path.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryWorkbook } from '../../src/adapters/memory/memory-workbook';
import type { Cell } from '../../src/core/sheets/spec';
import { saveWorkbook } from '../../src/local/xlsx-files';
import { wallClock } from '../fakes/drive-app';

export interface Permission {
  id: string;
  type: 'user' | 'anyone' | 'domain' | 'group';
  role: 'owner' | 'writer' | 'reader' | 'commenter';
  emailAddress?: string;
  domain?: string;
}

export interface StandInFile {
  id: string;
  name: string;
  workbook: MemoryWorkbook;
  modified: number;
  permissions: Permission[];
  /** Drive refuses files.export above 10 MB: this one behaves so. */
  tooLargeToExport?: boolean;
  /** The spreadsheet's time zone (Asia/Yekaterinburg unless a test says otherwise). */
  timeZone?: string;
}

/** The zone the bank's spreadsheets are set to (Perm). */
export const GOOGLE_ZONE = 'Asia/Yekaterinburg';

/**
 * A copy whose dates are their wall clock in `zone` written as UTC: what Google's .xlsx export holds. The wall clock is
 * the fakes' own (`wallClock`), not the bank's zone code, so the test of the bank's reading is not circular.
 */
const googleShaped = (wb: MemoryWorkbook, zone: string): MemoryWorkbook => {
  const wall = (d: Date): Date => {
    const w = wallClock(d, zone);
    return new Date(Date.UTC(w.y, w.M - 1, w.d, w.H, w.m, w.s, d.getMilliseconds()));
  };
  const copy = new MemoryWorkbook(wb.id);
  for (const [name, grid] of wb.grids)
    copy.load(
      name,
      grid.rows.map((r) => r.map((v) => (v instanceof Date ? wall(v) : v))),
    );
  return copy;
};

export interface ScriptProject {
  /** The spreadsheet the script is bound to (its editors may read and write the code). */
  containerId: string;
  files: Array<{ name: string; type: string; source: string }>;
}

interface Fault {
  match: RegExp;
  status: number;
  times: number;
  retryAfter?: number;
  /** Close the connection instead of answering (an interrupted download). */
  cut?: boolean;
  body?: unknown;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'application/vnd.google-apps.spreadsheet';

const two = (n: number) => String(n).padStart(2, '0');
/** UNFORMATTED_VALUE with dateTimeRenderOption FORMATTED_STRING: dates as the cell shows them. */
const shown = (v: Cell): Cell => {
  if (!(v instanceof Date)) return v;
  const d = `${two(v.getDate())}.${two(v.getMonth() + 1)}.${v.getFullYear()}`;
  return v.getHours() || v.getMinutes() ? `${d} ${two(v.getHours())}:${two(v.getMinutes())}` : d;
};

const b64url = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

export class GoogleStandIn {
  readonly files = new Map<string, StandInFile>();
  /** Addresses without a Google account: Drive refuses to share a file with them. */
  readonly noGoogleAccount = new Set<string>();
  readonly scripts = new Map<string, ScriptProject>();
  readonly log: Array<{ method: string; path: string; who: string }> = [];
  /** OAuth clients: client_id → secret. */
  readonly clients = new Map<string, string>();
  /** Service accounts: client_email → public key (PEM). */
  readonly serviceAccounts = new Map<string, string>();
  /** Who signs in at the consent page. */
  consentAs = 'owner@iro.example';
  /** Accounts whose Apps Script API user setting is off. */
  readonly scriptApiOff = new Set<string>();
  /** When true, every Script API call says the Cloud project has not enabled the API. */
  scriptApiDisabledInProject = false;
  private readonly faults: Fault[] = [];
  private readonly codes = new Map<string, { email: string; challenge: string; redirect: string; client: string; scope: string }>();
  /** Scopes the person unticks on the consent screen (Google lets them since 2019's granular consent). */
  readonly unticked = new Set<string>();
  private readonly access = new Map<string, string>();
  private readonly refresh = new Map<string, string>();
  private server: http.Server | null = null;
  private tick = Date.UTC(2026, 10, 1);
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((e) => this.json(res, 500, { error: { code: 500, message: String(e), status: 'INTERNAL' } }));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  addFile(f: Omit<StandInFile, 'modified'> & { modified?: number }): StandInFile {
    const file = { ...f, modified: f.modified ?? this.nextTime() };
    this.files.set(f.id, file);
    return file;
  }

  nextTime(): number {
    this.tick += 60_000;
    return this.tick;
  }

  /** The next `times` requests whose "METHOD path" matches answer `status` (or are cut). */
  fail(match: RegExp, status: number, times = 1, extra: Partial<Fault> = {}): void {
    this.faults.push({ match, status, times, ...extra });
  }

  /** Forgets every access token (they "expired"): the clients must refresh. */
  expireTokens(): void {
    this.access.clear();
  }

  count(match: RegExp): number {
    return this.log.filter((l) => match.test(`${l.method} ${l.path}`)).length;
  }

  private json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  }

  private error(res: http.ServerResponse, code: number, message: string, status: string, reason?: string, extra: Record<string, unknown> = {}): void {
    this.json(res, code, { error: { code, message, status, errors: [{ message, domain: 'global', reason: reason ?? status.toLowerCase() }], ...extra } });
  }

  private body(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  /** The caller: an access token we issued, or a service account's self-signed RS256 JWT carrying the scope. */
  private who(req: http.IncomingMessage): string | null {
    const h = String(req.headers.authorization ?? '');
    const token = /^Bearer (.+)$/.exec(h)?.[1];
    if (!token) return null;
    if (this.access.has(token)) return this.access.get(token) ?? null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const claims = JSON.parse(b64url(parts[1]).toString('utf8')) as { iss?: string; scope?: string; exp?: number };
    const pem = this.serviceAccounts.get(String(claims.iss));
    if (!pem || !claims.scope) return null;
    const ok = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey(pem), b64url(parts[2]));
    return ok ? String(claims.iss) : null;
  }

  private roleOf(f: StandInFile, email: string): Permission['role'] | null {
    const p = f.permissions.find((x) => x.type === 'user' && x.emailAddress === email) ?? f.permissions.find((x) => x.type === 'anyone');
    return p ? p.role : null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.url);
    const p = decodeURIComponent(u.pathname);
    const method = req.method ?? 'GET';
    const line = `${method} ${p}`;
    const fault = this.faults.find((f) => f.times > 0 && f.match.test(line));
    if (fault) {
      fault.times--;
      this.log.push({ method, path: p, who: 'fault' });
      if (fault.cut) {
        req.socket.destroy();
        return;
      }
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': String(fault.retryAfter) } : {};
      this.json(res, fault.status, fault.body ?? { error: { code: fault.status, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }, headers);
      return;
    }
    // OAuth: the consent page answers at once as `consentAs`, redirecting with a code bound to the PKCE challenge.
    if (method === 'GET' && p === '/o/oauth2/auth') {
      const code = randomBytes(8).toString('hex');
      const redirect = String(u.searchParams.get('redirect_uri'));
      // The person may untick a scope on the consent screen (`unticked`): the grant then lacks it, as Google's does.
      const granted = String(u.searchParams.get('scope'))
        .split(' ')
        .filter((x) => x && !this.unticked.has(x))
        .join(' ');
      this.codes.set(code, {
        scope: granted,
        email: this.consentAs,
        challenge: String(u.searchParams.get('code_challenge')),
        redirect,
        client: String(u.searchParams.get('client_id')),
      });
      res
        .writeHead(302, {
          location: `${redirect}?code=${code}&state=${u.searchParams.get('state')}&scope=${encodeURIComponent(String(u.searchParams.get('scope')))}`,
        })
        .end();
      this.log.push({ method, path: p, who: this.consentAs });
      return;
    }
    if (method === 'POST' && p === '/token') {
      const form = new URLSearchParams(await this.body(req));
      this.log.push({ method, path: p, who: String(form.get('grant_type')) });
      const client = String(form.get('client_id'));
      if (this.clients.get(client) !== form.get('client_secret')) return this.json(res, 401, { error: 'invalid_client' });
      let email: string | undefined;
      let refreshToken: string | undefined;
      let scope = 'https://www.googleapis.com/auth/drive';
      if (form.get('grant_type') === 'authorization_code') {
        const c = this.codes.get(String(form.get('code')));
        this.codes.delete(String(form.get('code')));
        const challenge = createHash('sha256')
          .update(String(form.get('code_verifier')))
          .digest('base64url');
        if (!c || c.challenge !== challenge || c.redirect !== form.get('redirect_uri') || c.client !== client)
          return this.json(res, 400, { error: 'invalid_grant' });
        email = c.email;
        scope = c.scope;
        refreshToken = `r-${randomBytes(8).toString('hex')}`;
        this.refresh.set(refreshToken, email);
      } else if (form.get('grant_type') === 'refresh_token') {
        email = this.refresh.get(String(form.get('refresh_token')));
        if (!email) return this.json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      } else return this.json(res, 400, { error: 'unsupported_grant_type' });
      const accessToken = `a-${randomBytes(8).toString('hex')}`;
      this.access.set(accessToken, email);
      return this.json(res, 200, {
        access_token: accessToken,
        expires_in: 3599,
        token_type: 'Bearer',
        scope,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      });
    }
    const who = this.who(req);
    this.log.push({ method, path: p, who: who ?? 'anonymous' });
    if (!who) return this.error(res, 401, 'Request had invalid authentication credentials. Expected OAuth 2 access token.', 'UNAUTHENTICATED', 'authError');
    const notFound = (id: string) => this.error(res, 404, `File not found: ${id}.`, 'NOT_FOUND', 'notFound');
    const file = (id: string): StandInFile | null => {
      const f = this.files.get(id);
      return f && this.roleOf(f, who) ? f : null;
    };
    const canWrite = (f: StandInFile) => ['owner', 'writer'].includes(String(this.roleOf(f, who)));
    const forbidden = () =>
      this.error(res, 403, 'The user does not have sufficient permissions for this file.', 'PERMISSION_DENIED', 'insufficientFilePermissions');
    let m: RegExpExecArray | null;

    if (method === 'GET' && p === '/drive/v3/about') return this.json(res, 200, { user: { emailAddress: who, kind: 'drive#user' } });
    if ((m = /^\/drive\/v3\/files\/([^/]+)$/.exec(p)) && method === 'GET') {
      const f = file(m[1]);
      if (!f) return notFound(m[1]);
      const owner = f.permissions.find((x) => x.role === 'owner');
      return this.json(res, 200, {
        id: f.id,
        name: f.name,
        mimeType: SHEET,
        modifiedTime: new Date(f.modified).toISOString(),
        owners: owner ? [{ emailAddress: owner.emailAddress }] : [],
        exportLinks: { [XLSX]: `${this.url}export-link/${f.id}` },
      });
    }
    if ((m = /^\/drive\/v3\/files\/([^/]+)\/export$/.exec(p)) && method === 'GET') {
      const f = file(m[1]);
      if (!f) return notFound(m[1]);
      if (u.searchParams.get('mimeType') !== XLSX) return this.error(res, 400, 'Export only supports Docs Editors files.', 'INVALID_ARGUMENT', 'badRequest');
      if (f.tooLargeToExport) return this.error(res, 403, 'This file is too large to be exported.', 'PERMISSION_DENIED', 'exportSizeLimitExceeded');
      return this.xlsx(res, f);
    }
    if ((m = /^\/export-link\/([^/]+)$/.exec(p)) && method === 'GET') {
      const f = file(m[1]);
      return f ? this.xlsx(res, f) : notFound(m[1]);
    }
    if ((m = /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(p))) {
      const f = file(m[1]);
      if (!f) return notFound(m[1]);
      if (!canWrite(f)) return forbidden();
      if (method === 'GET') return this.json(res, 200, { permissions: f.permissions.map((x) => ({ kind: 'drive#permission', ...x })) });
      if (method === 'POST') {
        const b = JSON.parse(await this.body(req)) as Permission;
        // Drive refuses to share with an address that has no Google account (without a notification e-mail).
        if (b.emailAddress && this.noGoogleAccount.has(b.emailAddress))
          return this.error(
            res,
            400,
            `Bad Request. User message: "We're sorry, but the email address ${b.emailAddress} is not associated with a Google account."`,
            'INVALID_ARGUMENT',
            'invalidSharingRequest',
          );
        const existing = f.permissions.find((x) => x.type === 'user' && x.emailAddress === b.emailAddress);
        const perm: Permission = { id: `p-${randomBytes(4).toString('hex')}`, type: b.type, role: b.role, emailAddress: b.emailAddress };
        if (existing) existing.role = b.role;
        else f.permissions.push(perm);
        return this.json(res, 200, existing ?? perm);
      }
    }
    if ((m = /^\/drive\/v3\/files\/([^/]+)\/permissions\/([^/]+)$/.exec(p)) && method === 'DELETE') {
      const f = file(m[1]);
      if (!f) return notFound(m[1]);
      if (!canWrite(f)) return forbidden();
      const i = f.permissions.findIndex((x) => x.id === m?.[2]);
      if (i < 0) return this.error(res, 404, `Permission not found: ${m[2]}.`, 'NOT_FOUND', 'notFound');
      if (f.permissions[i].role === 'owner') return this.error(res, 403, 'The owner of a file cannot be removed.', 'PERMISSION_DENIED', 'cannotRemoveOwner');
      f.permissions.splice(i, 1);
      res.writeHead(204).end();
      return;
    }
    if ((m = /^\/v4\/spreadsheets\/([^/:]+)$/.exec(p)) && method === 'GET') {
      const f = file(m[1]);
      if (!f) return this.error(res, 404, 'Requested entity was not found.', 'NOT_FOUND');
      return this.json(res, 200, {
        spreadsheetId: f.id,
        properties: { title: f.name, timeZone: f.timeZone ?? GOOGLE_ZONE },
        sheets: [...f.workbook.grids.keys()].map((title) => ({ properties: { title } })),
      });
    }
    if ((m = /^\/v4\/spreadsheets\/([^/]+)\/values:batchGet$/.exec(p)) && method === 'GET') {
      const f = file(m[1]);
      if (!f) return this.error(res, 404, 'Requested entity was not found.', 'NOT_FOUND');
      const ranges = u.searchParams.getAll('ranges');
      const valueRanges = [];
      for (const r of ranges) {
        const title = /^'(.*)'$/.exec(r)?.[1]?.replace(/''/g, "'") ?? r;
        const g = f.workbook.grids.get(title);
        if (!g) return this.error(res, 400, `Unable to parse range: ${r}`, 'INVALID_ARGUMENT', 'badRequest');
        const rows = g.rows.map((row) => {
          const out = row.map((v) => shown(v));
          while (out.length && (out[out.length - 1] === '' || out[out.length - 1] === undefined)) out.pop();
          return out;
        });
        while (rows.length && !rows[rows.length - 1].length) rows.pop();
        valueRanges.push({ range: `${r}!A1:Z${rows.length}`, majorDimension: 'ROWS', ...(rows.length ? { values: rows } : {}) });
      }
      return this.json(res, 200, { spreadsheetId: f.id, valueRanges });
    }
    if ((m = /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+):append$/.exec(p)) && method === 'POST') {
      const f = file(m[1]);
      if (!f) return this.error(res, 404, 'Requested entity was not found.', 'NOT_FOUND');
      if (!canWrite(f)) return this.error(res, 403, 'The caller does not have permission', 'PERMISSION_DENIED');
      if (u.searchParams.get('valueInputOption') !== 'RAW') return this.error(res, 400, 'This stand-in accepts only RAW input.', 'INVALID_ARGUMENT');
      const title = /^'(.*)'$/.exec(m[2])?.[1]?.replace(/''/g, "'") ?? m[2];
      const g = f.workbook.grids.get(title);
      if (!g) return this.error(res, 400, `Unable to parse range: ${m[2]}`, 'INVALID_ARGUMENT');
      const b = JSON.parse(await this.body(req)) as { values: Cell[][] };
      g.rows.push(...b.values);
      f.modified = this.nextTime();
      return this.json(res, 200, { spreadsheetId: f.id, updates: { updatedRows: b.values.length } });
    }
    if ((m = /^\/v1\/projects\/([^/]+)(\/content)?$/.exec(p))) {
      if (this.scriptApiDisabledInProject)
        return this.error(
          res,
          403,
          'Apps Script API has not been used in project 1234 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/script.googleapis.com/overview?project=1234 then retry.',
          'PERMISSION_DENIED',
          'accessNotConfigured',
          {
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'SERVICE_DISABLED',
                metadata: { activationUrl: 'https://console.developers.google.com/apis/api/script.googleapis.com/overview?project=1234' },
              },
            ],
          },
        );
      if (this.scriptApiOff.has(who) || this.serviceAccounts.has(who))
        return this.error(
          res,
          403,
          'User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.',
          'PERMISSION_DENIED',
        );
      const s = this.scripts.get(m[1]);
      const container = s ? this.files.get(s.containerId) : undefined;
      if (!s || !container || !this.roleOf(container, who)) return this.error(res, 404, 'Requested entity was not found.', 'NOT_FOUND');
      // projects.get: the project's metadata, parentId the spreadsheet it is bound to.
      if (!m[2] && method === 'GET') return this.json(res, 200, { scriptId: m[1], title: 'Скрипт', parentId: s.containerId });
      if (!m[2]) return this.error(res, 404, `No such endpoint: ${line}`, 'NOT_FOUND');
      if (!canWrite(container)) return this.error(res, 403, 'The caller does not have permission', 'PERMISSION_DENIED');
      if (method === 'GET') return this.json(res, 200, { scriptId: m[1], files: s.files });
      if (method === 'PUT') {
        const b = JSON.parse(await this.body(req)) as { files: ScriptProject['files'] };
        if (!b.files?.some((f) => f.name === 'appsscript' && f.type === 'JSON'))
          return this.error(res, 400, 'Project contents must include a manifest file named appsscript.', 'INVALID_ARGUMENT');
        s.files = b.files.map((f) => ({ name: f.name, type: f.type, source: f.source }));
        return this.json(res, 200, { scriptId: m[1], files: s.files });
      }
    }
    this.error(res, 404, `No such endpoint: ${line}`, 'NOT_FOUND');
  }

  private async xlsx(res: http.ServerResponse, f: StandInFile): Promise<void> {
    const tmp = path.join(os.tmpdir(), `standin-${process.pid}-${randomBytes(4).toString('hex')}.xlsx`);
    // As Google exports: a date is the serial number of its wall clock in the spreadsheet's zone (exceljs writes a
    // Date's UTC fields, so each date is handed over as that wall clock in UTC).
    await saveWorkbook(googleShaped(f.workbook, f.timeZone ?? GOOGLE_ZONE), tmp);
    const bytes = fs.readFileSync(tmp);
    fs.rmSync(tmp);
    res.writeHead(200, { 'content-type': XLSX, 'content-length': String(bytes.length) }).end(bytes);
  }
}
