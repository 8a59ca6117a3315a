import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, '../../scripts/lint-core.mjs');

const lint = (dir?: string, script = SCRIPT, flags: string[] = []): { code: number; out: string } => {
  try {
    const out = execFileSync(process.execPath, [script, ...flags, ...(dir ? [dir] : [])], { encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stderr: string };
    return { code: err.status, out: err.stderr };
  }
};

describe('core lint', () => {
  it('passes on src/core as it is', () => {
    expect(lint().code).toBe(0);
  });

  it('fails when core code names an Apps Script global or the system clock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    fs.writeFileSync(
      path.join(dir, 'bad.ts'),
      "// SpreadsheetApp in a comment is fine\nconst s = SpreadsheetApp.getActive();\nconst t = new Date();\nconst x = 'Session.getActiveUser()';\n",
    );
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad.ts:2: names the Apps Script global SpreadsheetApp/);
    expect(r.out).toMatch(/bad.ts:3: reads the system clock/);
    expect(r.out).not.toMatch(/bad.ts:1:|bad.ts:4:/);
  });

  it('still checks from a checkout whose path has a space and Cyrillic letters', () => {
    // A URL's pathname is percent-encoded: comparing it with argv[1] once made the script skip every check there.
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'ебппк копия-'));
    fs.mkdirSync(path.join(checkout, 'scripts'));
    fs.copyFileSync(SCRIPT, path.join(checkout, 'scripts', 'lint-core.mjs'));
    const bad = path.join(checkout, 'ядро с пробелом');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'bad.ts'), 'const t = Date.now();\n');
    const r = lint(bad, path.join(checkout, 'scripts', 'lint-core.mjs'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad.ts:1: reads the system clock/);
  });

  it('fails when a test reads the machine’s clock or time zone, except the clock adapter’s own test', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-tests-'));
    fs.mkdirSync(path.join(dir, 'test', 'adapters'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'test', 'a.test.ts'),
      [
        'const fixed = new Date(2026, 11, 31, 23, 30);',
        'const now = new Date();',
        'const ms = Date.now();',
        "const zone = process.env.TZ ?? 'UTC';",
        "const quoted = 'new Date() in a string is text';",
      ].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'test', 'adapters', 'clock.test.ts'), 'const real = Date.now();\n');
    const r = lint(path.join(dir, 'test'), SCRIPT, ['--tests']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/a.test.ts:2: reads the machine.s clock/);
    expect(r.out).toMatch(/a.test.ts:3: reads the machine.s clock/);
    expect(r.out).toMatch(/a.test.ts:4: reads the machine.s time zone/);
    expect(r.out).not.toMatch(/a.test.ts:1:|a.test.ts:5:|clock.test.ts/);
  });
});
