// Fails when src/core names an Apps Script global or reads the system clock: the core gets services through its ports.
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
const strip = (src) =>
  src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\])*"/g, "''");

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

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const problems = lintCore(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  problems.forEach((p) => console.error(p));
  if (problems.length) process.exit(1);
  console.log('src/core: no Apps Script globals, no system clock');
}
