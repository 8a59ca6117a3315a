import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';

const lint = (dir?: string): { code: number; out: string } => {
  try {
    const out = execFileSync(process.execPath, [path.join(__dirname, '../../scripts/lint-core.mjs'), ...(dir ? [dir] : [])], { encoding: 'utf8', stdio: 'pipe' });
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
    fs.writeFileSync(path.join(dir, 'bad.ts'), "// SpreadsheetApp in a comment is fine\nconst s = SpreadsheetApp.getActive();\nconst t = new Date();\nconst x = 'Session.getActiveUser()';\n");
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/bad.ts:2: names the Apps Script global SpreadsheetApp/);
    expect(r.out).toMatch(/bad.ts:3: reads the system clock/);
    expect(r.out).not.toMatch(/bad.ts:1:|bad.ts:4:/);
  });
});
