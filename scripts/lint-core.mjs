// Fails when src/core names an Apps Script global or reads the system clock: the core gets services through its ports.
// Fails too when a test reads the machine's clock or time zone: tests run on a clock they set (test/clock.ts), so they
// mean the same on any day.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GLOBALS = [
  'SpreadsheetApp',
  'Session',
  'LockService',
  'PropertiesService',
  'ScriptApp',
  'HtmlService',
  'DriveApp',
  'FormApp',
  'MailApp',
  'GmailApp',
  'UrlFetchApp',
  'Utilities',
  'CacheService',
  'Logger',
  'DocumentApp',
  'Browser',
  'ContentService',
  'Drive',
  'Sheets',
];
const CLOCK = [/\bDate\.now\s*\(/, /\bnew Date\s*\(\s*\)/];

const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
// Comments and string literals out, in one pass (whichever starts first wins: a `//` inside a string is text, a quote
// inside a comment is not a string); line breaks are kept so the line numbers stay true.
const strip = (src) =>
  src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|`(?:\\[\s\S]|[^`\\])*`|"(?:\\.|[^"\\\n])*"/g, (m) =>
    m[0] === '/' ? m.replace(/[^\n]/g, '') : `''${'\n'.repeat(m.split('\n').length - 1)}`,
  );

export const lintCore = (dir = path.join(root, 'src/core')) => {
  const problems = [];
  for (const file of walk(dir).filter((f) => f.endsWith('.ts'))) {
    const lines = strip(fs.readFileSync(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      for (const g of GLOBALS)
        if (new RegExp(`(^|[^.\\w$])${g}\\s*[.(]`).test(line)) problems.push(`${path.relative(root, file)}:${i + 1}: names the Apps Script global ${g}`);
      for (const re of CLOCK) if (re.test(line)) problems.push(`${path.relative(root, file)}:${i + 1}: reads the system clock; inject Clock`);
    });
  }
  return problems;
};

/** The clock adapter's own test is the one test that may compare it with the machine's clock. */
const CLOCK_ADAPTER_TEST = path.join('test', 'adapters', 'clock.test.ts');
const TIME_ZONE = /\bprocess\.env\.TZ\b/;

export const lintTests = (dir = path.join(root, 'test')) => {
  const problems = [];
  for (const file of walk(dir).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith(CLOCK_ADAPTER_TEST))) {
    const lines = strip(fs.readFileSync(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      const at = `${path.relative(root, file)}:${i + 1}`;
      for (const re of CLOCK) if (re.test(line)) problems.push(`${at}: reads the machine's clock; use the test's (test/clock.ts, FakeClock)`);
      if (TIME_ZONE.test(line)) problems.push(`${at}: reads the machine's time zone`);
    });
  }
  return problems;
};

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  // `lint-core.mjs DIR` checks DIR as core code, `lint-core.mjs --tests DIR` as tests; with no argument, both of the repository.
  const [a, b] = process.argv.slice(2);
  const problems = a === '--tests' ? lintTests(path.resolve(b)) : a ? lintCore(path.resolve(a)) : [...lintCore(), ...lintTests()];
  problems.forEach((p) => console.error(p));
  if (problems.length) process.exit(1);
  console.log("src/core: no Apps Script globals, no system clock; test/: no machine's clock or time zone");
}
