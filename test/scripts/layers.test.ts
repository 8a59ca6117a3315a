// The layer rules of .dependency-cruiser.cjs catch what they claim to: each planted violation fails the lint.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CRUISER = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs the project's config over a small tree of files (path → source) and returns the broken rules' names. */
const cruise = (files: Record<string, string>): string[] => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true }, include: ['src'] }));
  for (const [file, src] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), src);
  }
  // The JSON report is written whatever the outcome (the exit code only counts errors in some output types).
  let out: string;
  try {
    out = execFileSync(process.execPath, [CRUISER, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { summary: { violations: Array<{ rule: { name: string } }> } };
  return [...new Set(report.summary.violations.map((v) => v.rule.name))].sort();
};

/** A lawful little bank: every layer used the way it should be. */
const LAWFUL: Record<string, string> = {
  'src/core/ports.ts': 'export interface Clock { now(): Date }\n',
  'src/adapters/clock.ts': "import type { Clock } from '../core/ports';\nexport const clock: Clock = { now: () => new Date() };\n",
  'src/app/app.ts': "import type { Clock } from '../core/ports';\nexport interface App { clock: Clock }\n",
  'src/app/rpc-contract.ts': "import type { App } from './app';\nexport type RpcApi = { ping: { args: {}; result: App } };\n",
  'src/gas/main.ts': "import { clock } from '../adapters/clock';\nimport type { App } from '../app/app';\nexport const app: App = { clock };\n",
  'src/local/main.ts': "import { clock } from '../adapters/clock';\nimport type { App } from '../app/app';\nexport const app: App = { clock };\n",
  'src/ui/help/main.ts': "import type { RpcApi } from '../../app/rpc-contract';\nexport const x: RpcApi | null = null;\n",
};

describe('the layer rules', () => {
  jest.setTimeout(60000);

  it('pass on a tree that keeps them, and on the project itself', () => {
    expect(cruise(LAWFUL)).toEqual([]);
    expect(() => execFileSync(process.execPath, [CRUISER, 'src', '--config', '.dependency-cruiser.cjs'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  });

  it.each([
    ['core-is-pure', { 'src/core/ports.ts': "import { clock } from '../adapters/clock';\nexport interface Clock { now(): Date }\nexport const c = clock;\n" }],
    [
      'adapters-on-core',
      { 'src/adapters/clock.ts': "import type { App } from '../app/app';\nexport const clock = { now: () => new Date() };\nexport type A = App;\n" },
    ],
    ['app-on-core', { 'src/app/app.ts': "import { clock } from '../adapters/clock';\nexport interface App { clock: typeof clock }\n" }],
    ['platforms-apart', { 'src/local/main.ts': "import { app } from '../gas/main';\nexport const local = app;\n" }],
    ['ui-on-contract', { 'src/ui/help/main.ts': "import type { App } from '../../app/app';\nexport const x: App | null = null;\n" }],
    ['ui-contract-types-only', { 'src/ui/help/main.ts': "import * as api from '../../app/rpc-contract';\nexport const x = api;\n" }],
    ['no-orphans', { 'src/core/unused.ts': 'export const unused = 1;\n' }],
    [
      'no-circular',
      {
        'src/core/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
        'src/core/b.ts': "import { a } from './a';\nexport const b = () => a();\n",
        'src/core/ports.ts': "import './a';\nexport interface Clock { now(): Date }\n",
      },
    ],
  ])('fail when a file breaks %s', (rule, planted) => {
    expect(cruise({ ...LAWFUL, ...planted })).toContain(rule);
  });
});
