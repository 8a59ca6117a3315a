// `npm run test:calendar`: the date-sensitive suites — every test file that reads the test calendar (test/clock.ts),
// directly or through a fixture — run again at a year-end, a 1 January and a summer day (EBPPK_NOW), so that what the
// bank does on those days is checked on any day. `npm run test:calendar -- 2027-03-08T10:00` runs one chosen moment.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLOCK = path.join(root, 'test', 'clock.ts');
export const DATES = ['2026-12-31T23:30', '2027-01-01T09:00', '2027-07-15T10:00'];

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));

/** The test files whose imports reach test/clock.ts. */
export const dateSensitive = () => {
  const files = walk(path.join(root, 'test')).filter((f) => f.endsWith('.ts'));
  const imports = new Map(
    files.map((f) => [
      f,
      [...fs.readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => {
        const p = path.resolve(path.dirname(f), m[1]);
        return fs.existsSync(`${p}.ts`) ? `${p}.ts` : p;
      }),
    ]),
  );
  const memo = new Map();
  const reaches = (f, seen = new Set()) => {
    if (f === CLOCK) return true;
    if (memo.has(f)) return memo.get(f);
    if (seen.has(f)) return false;
    seen.add(f);
    const r = (imports.get(f) ?? []).some((g) => reaches(g, seen));
    memo.set(f, r);
    return r;
  };
  return files.filter((f) => f.endsWith('.test.ts') && reaches(f)).map((f) => path.relative(root, f));
};

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const dates = process.argv.slice(2).length ? process.argv.slice(2) : DATES;
  const suites = dateSensitive();
  console.log(`Календарная проверка: ${suites.length} наборов тестов — ${suites.join(', ')}`);
  const failed = [];
  for (const at of dates) {
    const t0 = performance.now();
    console.log(`\n=== EBPPK_NOW=${at}`);
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--maxWorkers=2', ...suites], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, EBPPK_NOW: at, TZ: 'Asia/Yekaterinburg' },
    });
    console.log(`=== ${at}: ${r.status === 0 ? 'пройдено' : 'ОШИБКИ'} за ${Math.round((performance.now() - t0) / 1000)} с`);
    if (r.status !== 0) failed.push(at);
  }
  if (failed.length) {
    console.error(`\nНе пройдено на: ${failed.join(', ')}`);
    process.exit(1);
  }
  console.log(`\nПройдено на всех датах: ${dates.join(', ')}`);
}
