// The layer rules of .dependency-cruiser.cjs catch what they claim to: each planted violation fails the lint.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CRUISER = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** Runs the project's config over a small tree of files (path → source): every violation with its rule and file. */
const cruiseViolations = (files: Record<string, string>): Array<{ rule: string; from: string }> => {
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
  const report = JSON.parse(out) as { summary: { violations: Array<{ rule: { name: string }; from: string }> } };
  return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from }));
};

/** The names of the rules broken in the tree. */
const cruise = (files: Record<string, string>): string[] => [...new Set(cruiseViolations(files).map((v) => v.rule))].sort();

/** A lawful little bank: every layer used the way it should be. */
const LAWFUL: Record<string, string> = {
  'src/core/ports.ts': 'export interface Clock { now(): Date }\n',
  'src/adapters/clock.ts': "import type { Clock } from '../core/ports';\nexport const clock: Clock = { now: () => new Date() };\n",
  'src/app/app.ts': "import type { Clock } from '../core/ports';\nexport interface App { clock: Clock }\n",
  'src/app/rpc-contract.ts': "import type { App } from './app';\nexport type RpcApi = { ping: { args: {}; result: App } };\n",
  'src/gas/main.ts': "import { clock } from '../adapters/clock';\nimport type { App } from '../app/app';\nexport const app: App = { clock };\n",
  'src/local/main.ts': "import { clock } from '../adapters/clock';\nimport type { App } from '../app/app';\nexport const app: App = { clock };\n",
  'src/cli/main.ts': "import { app } from '../local/main';\nexport const cli = app;\n",
  'src/ui/help/main.ts': "import type { RpcApi } from '../../app/rpc-contract';\nexport const x: RpcApi | null = null;\n",
};

/** One planted violation per rule, each in files of its own, so one run tells which file broke which rule. */
const PLANTED: Array<[rule: string, from: string, files: Record<string, string>]> = [
  ['core-is-pure', 'src/core/impure.ts', { 'src/core/impure.ts': "import { clock } from '../adapters/clock';\nexport const c = clock;\n" }],
  ['adapters-on-core', 'src/adapters/knows-app.ts', { 'src/adapters/knows-app.ts': "import type { App } from '../app/app';\nexport type A = App;\n" }],
  ['app-on-core', 'src/app/knows-adapter.ts', { 'src/app/knows-adapter.ts': "import { clock } from '../adapters/clock';\nexport const c = clock;\n" }],
  ['cli-on-node', 'src/cli/knows-gas.ts', { 'src/cli/knows-gas.ts': "import { app } from '../gas/main';\nexport const cli = app;\n" }],
  ['platforms-apart', 'src/local/knows-cli.ts', { 'src/local/knows-cli.ts': "import { cli } from '../cli/main';\nexport const local = cli;\n" }],
  ['platforms-apart', 'src/local/knows-gas.ts', { 'src/local/knows-gas.ts': "import { app } from '../gas/main';\nexport const local = app;\n" }],
  ['ui-on-contract', 'src/ui/bad/main.ts', { 'src/ui/bad/main.ts': "import type { App } from '../../app/app';\nexport const x: App | null = null;\n" }],
  ['ui-contract-types-only', 'src/ui/values/main.ts', { 'src/ui/values/main.ts': "import * as api from '../../app/rpc-contract';\nexport const x = api;\n" }],
  ['no-orphans', 'src/core/unused.ts', { 'src/core/unused.ts': 'export const unused = 1;\n' }],
  [
    'no-circular',
    'src/core/a.ts',
    {
      'src/core/a.ts': "import { b } from './b';\nexport const a = (): number => b();\n",
      'src/core/b.ts': "import { a } from './a';\nexport const b = (): number => a();\n",
      'src/gas/uses-cycle.ts': "import { a } from '../core/a';\nexport const x = a;\n",
      'src/gas/main.ts':
        "import { clock } from '../adapters/clock';\nimport type { App } from '../app/app';\nimport './uses-cycle';\nimport './../adapters/knows-app';\nimport './../app/knows-adapter';\nimport '../core/impure';\nexport const app: App = { clock };\n",
      'src/local/main.ts':
        "import { clock } from '../adapters/clock';\nimport type { App } from '../app/app';\nimport './knows-gas';\nexport const app: App = { clock };\n",
    },
  ],
];

describe('the layer rules', () => {
  it('pass on a tree that keeps them, and on the project itself', () => {
    expect(cruise(LAWFUL)).toEqual([]);
    expect(() => execFileSync(process.execPath, [CRUISER, 'src', '--config', '.dependency-cruiser.cjs'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  }, 60000);

  it('fail on each planted violation, naming the rule and the file that broke it', () => {
    const files = Object.assign({}, LAWFUL, ...PLANTED.map(([, , f]) => f));
    const found = cruiseViolations(files);
    for (const [rule, from] of PLANTED) expect(found).toContainEqual({ rule, from });
  }, 60000);
});
