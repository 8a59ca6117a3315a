// Opt-in, against a real bank: EBPPK_LIVE=1 with a saved sign-in (`npx ebppk login …`, or EBPPK_CONFIG_DIR pointing at
// one) and EBPPK_MASTER. Runs `audit` and `backup` through the real Google endpoints; skipped by default and in CI.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyBackup } from '../../src/cli/backup';
import { run } from '../../src/cli/main';

const LIVE = process.env.EBPPK_LIVE === '1' && process.env.CI !== 'true';

(LIVE ? describe : describe.skip)('live Google (EBPPK_LIVE=1)', () => {
  const io = () => {
    const c = { out: '', err: '' };
    return { c, out: { out: (l: string) => (c.out += `${l}\n`), err: (l: string) => (c.err += `${l}\n`), tty: false } };
  };

  it('audits the bank: every file readable, drift printed', async () => {
    const { c, out } = io();
    const code = await run(['audit'], { env: process.env, out, root: path.resolve(__dirname, '..', '..') });
    expect(c.err).not.toContain('Непредвиденная ошибка');
    expect([0, 1]).toContain(code);
    expect(c.out).toMatch(/совпадает с листом «Доступ»|Расхождений/);
  }, 600_000);

  it('backs the bank up, and the backup checks out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-live-'));
    const { c, out } = io();
    const code = await run(['backup', '--out', dir, '--keep', '1'], { env: process.env, out, root: path.resolve(__dirname, '..', '..') });
    expect(c.err).not.toContain('Непредвиденная ошибка');
    expect(code).toBe(0);
    const made = fs.readdirSync(dir).filter((d) => d.startsWith('ebppk-'));
    expect(made).toHaveLength(1);
    expect(verifyBackup(path.join(dir, made[0])).files.length).toBeGreaterThan(0);
  }, 1_800_000);
});
