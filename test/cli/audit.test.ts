// `ebppk login` (the real OAuth installed-app flow against the stand-in) and `ebppk audit` over the real Google clients.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentialsFile } from '../../src/cli/auth';
import { CABINETS, JOURNAL } from '../../src/core/sheets/master';
import { cli, deployCabinets, login, MASTER, OWNER, perm, standInBank } from './cli-fixture';

let s: Awaited<ReturnType<typeof standInBank>>;
let config: string;

beforeAll(async () => {
  s = await standInBank();
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-config-'));
  deployCabinets(s.google);
}, 60_000);
afterAll(() => s.google.stop());

describe('ebppk login', () => {
  it('signs in through the browser flow (PKCE, loopback) and keeps the refresh token private', async () => {
    // A settings folder made earlier open to others (0755) is closed by the sign-in.
    fs.chmodSync(config, 0o755);
    const r = await login(s.google, config);
    expect(r.err).toContain('/o/oauth2/auth?');
    expect(r.err).toContain('code_challenge_method=S256');
    expect(r.out).toContain(`Вы вошли как ${OWNER}`);
    expect(r.code).toBe(0);
    const file = credentialsFile({ EBPPK_CONFIG_DIR: config });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o077).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ kind: 'oauth', refreshToken: expect.stringMatching(/^r-/) });
  });

  it('refuses a sign-in that lacks a permission someone unticked on Google’s consent page, naming it, and saves nothing', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-config-'));
    s.google.unticked.add('https://www.googleapis.com/auth/script.projects');
    try {
      const r = await login(s.google, other);
      expect(r.code).toBe(3);
      expect(r.err).toContain('Вы не разрешили: проекты Apps Script');
      expect(fs.existsSync(credentialsFile({ EBPPK_CONFIG_DIR: other }))).toBe(false);
    } finally {
      s.google.unticked.clear();
    }
  });

  it('refreshes an expired access token by itself', async () => {
    s.google.expireTokens();
    const r = await cli(s.google, config, ['audit']);
    expect(r.code).toBe(0);
    expect(s.google.count(/^POST \/token$/)).toBeGreaterThanOrEqual(2);
  });

  it('says to sign in when there is no saved sign-in, and when the token was revoked', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-none-'));
    const none = await cli(s.google, empty, ['audit']);
    expect(none.code).toBe(3);
    expect(none.err).toContain('ebppk login');
    const revoked = path.join(empty, 'credentials.json');
    const saved = JSON.parse(fs.readFileSync(credentialsFile({ EBPPK_CONFIG_DIR: config }), 'utf8'));
    fs.writeFileSync(revoked, JSON.stringify({ ...saved, refreshToken: 'r-revoked' }));
    const r = await cli(s.google, empty, ['audit']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('вход в Google недействителен или истёк — выполните «ebppk login»');
  });
});

describe('ebppk audit', () => {
  it('finds nothing on a bank shared as «Доступ» says, in one request per file', async () => {
    const r = await cli(s.google, config, ['audit']);
    expect(r.out).toContain('совпадает с листом «Доступ»');
    expect(r.code).toBe(0);
    const files = 1 + s.territories.filter((t) => t.workbookId).length + s.cabinets.length;
    // about + the master's titles and one batchGet + one permissions.list per file
    // and, for each cabinet whose script is recorded, projects.get and getContent
    const scripts = s.cabinets.length - 1;
    expect(r.google?.counts).toEqual({ drive: 1 + files, sheets: 2, script: 2 * scripts, retries: 0 });
  });

  it('reports a cabinet whose code someone edited, and one whose recorded script id is not its own; the others pass', async () => {
    const [edited, typed] = s.cabinets;
    const project = s.google.scripts.get(`script-${edited.spreadsheetId}`);
    if (!project) throw new Error('fixture');
    project.files = project.files.map((f) => (f.name === 'Code' ? { ...f, source: `${f.source}\nfunction steal() {}` } : f));
    const grid = s.bank.master.grid(CABINETS.name);
    const col = grid.rows[0].indexOf('Скрипт');
    const row = grid.rows.findIndex((x) => x.includes(typed.spreadsheetId));
    const saved = grid.rows[row][col];
    grid.rows[row][col] = 'script-master';
    const r = await cli(s.google, config, ['audit']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`• кабинет «${edited.subdivision}»: код скрипта отличается от сборки кабинета`);
    expect(r.out).toContain(`• кабинет «${typed.subdivision}»: записанный скрипт не его: проект script-master привязан к другой таблице (${MASTER})`);
    expect(r.out).toContain('Расхождений: 2.');
    expect(r.out).toContain('(код кабинетов — ebppk deploy)');
    deployCabinets(s.google);
    grid.rows[row][col] = saved;
    expect((await cli(s.google, config, ['audit'])).code).toBe(0);
  });

  it('a cabinet script it cannot read is that cabinet’s problem, the rest still checked; with the Apps Script API off the code goes unchecked, the sharing audit not', async () => {
    const [gone] = s.cabinets;
    const id = `script-${gone.spreadsheetId}`;
    const project = s.google.scripts.get(id);
    if (!project) throw new Error('fixture');
    s.google.scripts.delete(id);
    const r = await cli(s.google, config, ['audit']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`• кабинет «${gone.subdivision}»: скрипт не удалось проверить:`);
    expect(r.out).toContain('Расхождений: 1.');
    s.google.scripts.set(id, project);
    s.google.scriptApiOff.add(OWNER);
    const off = await cli(s.google, config, ['audit']);
    s.google.scriptApiOff.clear();
    expect(off.code).toBe(0);
    expect(off.err).toContain('Код кабинетов не сверен:');
    expect(off.out).toContain('совпадает с листом «Доступ»');
  });

  it('reports drift and exits non-zero; --fix repairs what the job would, and journals it', async () => {
    const perm1 = s.territories[0];
    const book = s.google.files.get(String(perm1.workbookId));
    const other = s.google.files.get(String(s.territories[1].workbookId));
    const cabinet = s.google.files.get(String(s.cabinets[0].spreadsheetId));
    const master = s.google.files.get(MASTER);
    if (!book || !other || !cabinet || !master) throw new Error('fixture');
    const removed = other.permissions.find((p) => p.role === 'writer');
    other.permissions = other.permissions.filter((p) => p !== removed);
    book.permissions.push(perm('stranger@example.com'));
    cabinet.permissions.push({ id: 'p-anyone', type: 'anyone', role: 'reader' });
    // A group given edit access: not a person on «Доступ», and not a reader either.
    book.permissions.push({ id: 'p-group', type: 'group', role: 'writer', emailAddress: 'staff@demo.local' });
    master.permissions.push(perm('leader.om@demo.local'));

    const seen = await cli(s.google, config, ['audit']);
    expect(seen.code).toBe(1);
    expect(seen.out).toContain('stranger@example.com');
    expect(seen.out).toContain(String(removed?.emailAddress));
    expect(seen.out).toContain('любой, у кого есть ссылка (читает)');
    expect(seen.out).toContain('группа staff@demo.local (редактирует)');
    expect(seen.out).toContain('leader.om@demo.local');
    expect(seen.out).toContain('Расхождений: 5');

    const journalRows = s.bank.master.grid(JOURNAL.name).rows.length;
    const fixed = await cli(s.google, config, ['audit', '--fix']);
    expect(book.permissions.map((p) => p.emailAddress)).not.toContain('stranger@example.com');
    expect(other.permissions.map((p) => p.emailAddress)).toContain(removed?.emailAddress);
    expect(cabinet.permissions.some((p) => p.type === 'anyone')).toBe(false);
    expect(book.permissions.some((p) => p.type === 'group')).toBe(false);
    // The master's extra editor is the sector's decision, as in the job: reported, kept.
    expect(master.permissions.map((p) => p.emailAddress)).toContain('leader.om@demo.local');
    expect(fixed.code).toBe(1);
    expect(fixed.out).toContain('осталось расхождений: 1');
    const added = s.bank.master.grid(JOURNAL.name).rows.slice(journalRows);
    expect(added).toHaveLength(1);
    expect(added[0].join(' ')).toContain('stranger@example.com');
    expect(typeof added[0][0]).toBe('number'); // the time as the sheet's serial date, RAW: no text parsed

    const closed = await cli(s.google, config, ['audit', '--fix', '--close-master']);
    expect(closed.code).toBe(0);
    expect(master.permissions.map((p) => p.emailAddress)).not.toContain('leader.om@demo.local');
    expect((await cli(s.google, config, ['audit'])).code).toBe(0);
  });

  it('--fix makes every change Google accepts, and names, journals and exits 1 on the one it refuses', async () => {
    // Two territory workbooks shared with their methodist, who each lose that access.
    const writer = (f: { permissions: Array<{ role: string; emailAddress?: string }> }) => f.permissions.find((p) => p.role === 'writer');
    const [a, b] = s.territories
      .map((t) => s.google.files.get(String(t.workbookId)))
      .filter((f) => f && writer(f))
      .slice(-2);
    if (!a || !b) throw new Error('fixture');
    const lostA = writer(a);
    const lostB = writer(b);
    a.permissions = a.permissions.filter((p) => p !== lostA);
    b.permissions = b.permissions.filter((p) => p !== lostB);
    s.google.noGoogleAccount.add(String(lostA?.emailAddress));
    const journalRows = s.bank.master.grid(JOURNAL.name).rows.length;
    // The master set to Moscow time for this run: the journal's times are its wall clock, not this computer's (Perm).
    const master = s.google.files.get(MASTER);
    if (!master) throw new Error('fixture');
    master.timeZone = 'Europe/Moscow';
    const r = await cli(s.google, config, ['audit', '--fix'], {
      env: { EBPPK_CONFIG_DIR: config, EBPPK_GOOGLE_ROOT: s.google.url, EBPPK_MASTER: MASTER, EBPPK_NOW: '2026-12-01T10:00' },
    });
    master.timeZone = undefined;
    expect(r.code).toBe(1);
    expect(b.permissions.map((p) => p.emailAddress)).toContain(lostB?.emailAddress);
    expect(a.permissions.map((p) => p.emailAddress)).not.toContain(lostA?.emailAddress);
    expect(r.out).toContain(`Google не выполнил изменение доступа для ${lostA?.emailAddress}`);
    expect(r.out).toMatch(/not associated with a Google account/);
    expect(r.out).toContain('осталось расхождений: 1');
    const added = s.bank.master
      .grid(JOURNAL.name)
      .rows.slice(journalRows)
      .map((row) => row.join(' '));
    expect(added.some((x) => x.includes('доступ не изменён') && x.includes(String(lostA?.emailAddress)))).toBe(true);
    // 10:00 in Perm is 08:00 in Moscow: the serial day number of 01.12.2026 08:00 and the run's few seconds (the
    // bank's clock runs on from EBPPK_NOW), however slow the machine — Perm's wall clock would be two hours later.
    const rows = s.bank.master.grid(JOURNAL.name).rows.slice(journalRows);
    const serial = (Date.UTC(2026, 11, 1, 8) - Date.UTC(1899, 11, 30)) / 86_400_000;
    for (const row of rows) {
      expect(Number(row[0])).toBeGreaterThanOrEqual(serial);
      expect(Number(row[0])).toBeLessThan(serial + 30 / 1440);
    }
    // The address gets its account: the next --fix repairs it and finds nothing left.
    s.google.noGoogleAccount.clear();
    expect((await cli(s.google, config, ['audit', '--fix'])).code).toBe(0);
    expect(a.permissions.map((p) => p.emailAddress)).toContain(lostA?.emailAddress);
  });

  it('retries a rate-limited request with jittered back-off and honours Retry-After', async () => {
    s.google.fail(/^GET \/drive\/v3\/files\/[^/]+\/permissions$/, 429, 2);
    s.google.fail(/^GET \/v4\/spreadsheets\/master$/, 503, 1, { retryAfter: 7 });
    const r = await cli(s.google, config, ['audit']);
    expect(r.code).toBe(0);
    expect(r.google?.counts.retries).toBe(3);
    expect(r.delays[0]).toBe(7000);
    // attempt 1 waits 250–500 ms, attempt 2 500–1000 ms (full jitter over the exponential cap)
    expect(r.delays[1]).toBeGreaterThanOrEqual(250);
    expect(r.delays[1]).toBeLessThanOrEqual(500);
    expect(r.delays[2]).toBeGreaterThanOrEqual(500);
    expect(r.delays[2]).toBeLessThanOrEqual(1000);
  });

  it('gives up after the retries with a Russian message', async () => {
    s.google.fail(/^GET \/drive\/v3\/about$/, 429, 10);
    const r = await cli(s.google, config, ['audit']);
    expect(r.code).toBe(7);
    expect(r.err).toContain('ограничил частоту запросов');
    expect(r.delays).toHaveLength(5);
    s.google.fail(/^GET \/drive\/v3\/about$/, 429, 0);
  });

  it('a service account sees only what is shared with it', async () => {
    const { serviceAccountKey } = await import('./cli-fixture');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-sa-'));
    const key = serviceAccountKey(s.google, dir);
    const l = await cli(s.google, dir, ['login', '--service-account', key]);
    expect(l.code).toBe(0);
    expect(l.out).toContain('backup@ebppk.iam.gserviceaccount.com');
    const master = s.google.files.get(MASTER);
    master?.permissions.push(perm('backup@ebppk.iam.gserviceaccount.com'));
    const r = await cli(s.google, dir, ['audit']);
    expect(r.code).toBe(6);
    expect(r.err).toContain('не найдено — файла нет или он не открыт этой учётной записи');
    if (master) master.permissions = master.permissions.filter((p) => p.emailAddress !== 'backup@ebppk.iam.gserviceaccount.com');
  });
});
