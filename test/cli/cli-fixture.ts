// The bank as Google would hold it, for the CLI's tests: the demo bank (seeded with the product's use cases) laid into
// the Google stand-in — the master, 43 territory workbooks, the cabinets — owned by the bank's owner and shared as
// «Доступ» says, the cabinets' and the master's scripts registered; and the CLI run in-process against it.
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectFiles } from '../../src/cli/deploy';
import type { Google } from '../../src/cli/google';
import { type Context, run } from '../../src/cli/main';
import { CABINETS, SETTINGS, TERRITORIES } from '../../src/core/sheets/master';
import { setSetting } from '../../src/core/use-cases/settings';
import { LocalBank } from '../../src/local/local-bank';
import { seedDemo } from '../../src/local/seed';
import { SteppingClock } from '../clock';
import { GoogleStandIn, type Permission } from './google-stand-in';

export const OWNER = 'owner@iro.example';
export const MASTER = 'master';
export const ROOT = path.resolve(__dirname, '..', '..');

export const perm = (email: string, role: Permission['role'] = 'writer'): Permission => ({ id: `p-${email}`, type: 'user', role, emailAddress: email });

export const standInBank = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-bank-'));
  const bank = LocalBank.empty(dir, new SteppingClock());
  seedDemo(bank);
  const google = new GoogleStandIn();
  await google.start();
  google.addFile({ id: MASTER, name: 'ЕБППК — мастер-таблица', workbook: bank.master, permissions: [perm(OWNER, 'owner'), perm('sector@demo.local')] });
  const cabinets = bank.master.table(CABINETS).read();
  const territories = bank.master.table(TERRITORIES).read();
  for (const [id, b] of bank.books.books)
    google.addFile({ id, name: b.name, workbook: b.workbook, permissions: [perm(OWNER, 'owner'), ...[...b.editors].sort().map((e) => perm(e))] });
  // Every cabinet but the last has opened once and recorded its script id; the last has not.
  const grid = bank.master.grid(CABINETS.name);
  const col = grid.rows[0].indexOf(CABINETS.columns.find((c) => c.key === 'scriptId')?.header ?? '');
  cabinets.forEach((c, i) => {
    if (i === cabinets.length - 1) return;
    const scriptId = `script-${c.spreadsheetId}`;
    grid.rows[i + 1][col] = scriptId;
    google.scripts.set(scriptId, { containerId: String(c.spreadsheetId), files: OLD_CODE() });
  });
  google.addFile({ id: 'template', name: 'ЕБППК — шаблон кабинета', workbook: bank.master, permissions: [perm(OWNER, 'owner')] });
  // The template's spreadsheet, as setup reads it from «Настройки» (deploy checks the template's script is bound to it).
  setSetting(bank.master.table(SETTINGS), 'cabinetTemplateId', 'template');
  google.scripts.set('script-master', { containerId: MASTER, files: OLD_CODE() });
  google.scripts.set('script-template', { containerId: 'template', files: OLD_CODE() });
  return { google, bank, dir, cabinets, territories };
};

/** Every cabinet's script as `ebppk deploy` leaves it: the cabinet build (the master's and the template's untouched). */
export const deployCabinets = (google: GoogleStandIn): void => {
  const build = projectFiles(path.join(ROOT, 'build-cabinet'));
  for (const [, project] of google.scripts)
    if (project.containerId !== MASTER && project.containerId !== 'template') project.files = build.map((f) => ({ ...f }));
};

export const OLD_CODE = () => [
  { name: 'appsscript', type: 'JSON', source: '{"timeZone":"Asia/Yekaterinburg"}' },
  { name: 'Code', type: 'SERVER_JS', source: 'function onOpen() {}' },
];

/** A project folder for deploy: the real build/ and build-cabinet/, and .clasp files naming the stand-in's scripts. */
export const projectRoot = (): string => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-root-'));
  fs.symlinkSync(path.join(ROOT, 'build'), path.join(root, 'build'));
  fs.symlinkSync(path.join(ROOT, 'build-cabinet'), path.join(root, 'build-cabinet'));
  fs.writeFileSync(path.join(root, '.clasp.json'), JSON.stringify({ scriptId: 'script-master', rootDir: 'build' }));
  fs.writeFileSync(path.join(root, '.clasp-cabinet.json'), JSON.stringify({ scriptId: 'script-template', rootDir: 'build-cabinet' }));
  return root;
};

/** A Desktop-app OAuth client file pointing at the stand-in. */
export const clientFile = (google: GoogleStandIn, dir: string): string => {
  google.clients.set('cli-test.apps.googleusercontent.com', 's3cret');
  const file = path.join(dir, 'client_secret.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      installed: {
        client_id: 'cli-test.apps.googleusercontent.com',
        client_secret: 's3cret',
        auth_uri: `${google.url}o/oauth2/auth`,
        token_uri: `${google.url}token`,
      },
    }),
  );
  return file;
};

/** A service account's key file; its public key registered with the stand-in. */
export const serviceAccountKey = (google: GoogleStandIn, dir: string, email = 'backup@ebppk.iam.gserviceaccount.com'): string => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  google.serviceAccounts.set(email, publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const file = path.join(dir, 'key.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      client_email: email,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      private_key_id: 'k1',
    }),
  );
  return file;
};

export interface Captured {
  code: number;
  out: string;
  err: string;
  delays: number[];
  google: Google | null;
}

/** Runs `ebppk <argv>` in-process as the real bin does, with the stand-in's address and a recording sleep. */
export const cli = async (google: GoogleStandIn, config: string, argv: string[], extra: Partial<Context> = {}): Promise<Captured> => {
  const c: Captured = { code: -1, out: '', err: '', delays: [], google: null };
  c.code = await run(argv, {
    env: { EBPPK_CONFIG_DIR: config, EBPPK_GOOGLE_ROOT: google.url, EBPPK_MASTER: MASTER },
    out: { out: (l) => (c.out += `${l}\n`), err: (l) => (c.err += `${l}\n`), tty: false },
    root: ROOT,
    sleep: async (ms) => void c.delays.push(ms),
    openBrowser: (url) => void fetch(url).catch(() => undefined),
    onGoogle: (g) => (c.google = g),
    ...extra,
  });
  return c;
};

/** Signs the CLI in through the real OAuth flow (the stand-in's consent page answers as `as`). */
export const login = async (google: GoogleStandIn, config: string, as = OWNER): Promise<Captured> => {
  google.consentAs = as;
  return cli(google, config, ['login', '--client', clientFile(google, config)]);
};
