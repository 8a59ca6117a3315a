// The bin as a user runs it: `node bin/ebppk.mjs` bundles src/cli and runs it in a child process against the stand-in.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { decodeCell } from '../../src/core/sheets/codec';
import { deployCabinets, login, MASTER, ROOT, standInBank } from './cli-fixture';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'ebppk.mjs');

let s: Awaited<ReturnType<typeof standInBank>>;
let config: string;

beforeAll(async () => {
  s = await standInBank();
  deployCabinets(s.google);
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-cli-config-'));
  expect((await login(s.google, config)).code).toBe(0);
}, 60_000);
afterAll(() => s.google.stop());

const bin = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      cwd: os.tmpdir(),
      env: { ...process.env, EBPPK_CONFIG_DIR: config, EBPPK_GOOGLE_ROOT: s.google.url, EBPPK_MASTER: MASTER },
      timeout: 60_000,
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
};

describe('npx ebppk', () => {
  it('prints its help and runs a command end to end through the bundled bin', async () => {
    const help = await bin(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ebppk backup [--out DIR] [--keep N]');
    const audit = await bin(['audit']);
    expect(audit.stderr).toContain('Проверка доступа');
    expect(audit.stdout).toContain('совпадает с листом «Доступ»');
    expect(audit.code).toBe(0);
    const wrong = await bin(['audit', '--nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--nope'");
  }, 90_000);

  it('is declared as the package bin', () => {
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin).toEqual({ ebppk: 'bin/ebppk.mjs' });
  });
});

describe('dates as the Sheets API returns them', () => {
  it('reads dd.mm.yyyy and dd.mm.yyyy hh:mm back into dates', () => {
    const date = { key: 'd', header: 'Д', type: 'date' as const, width: 1 };
    const datetime = { ...date, type: 'datetime' as const };
    expect(decodeCell(date, '01.09.2026')).toEqual(new Date(2026, 8, 1));
    expect(decodeCell(datetime, '30.11.2026 14:05')).toEqual(new Date(2026, 10, 30, 14, 5));
    expect(decodeCell(datetime, '30.11.2026 14:05:09')).toEqual(new Date(2026, 10, 30, 14, 5, 9));
    expect(decodeCell(date, 'не дата')).toBe('');
  });
});
