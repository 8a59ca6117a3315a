// `ebppk audit [--fix] [--close-master]`: every file of the bank, its real Drive permissions against «Доступ». The
// comparison is the core's own `reconcileSharing` (the job's), run on what was fetched; `--fix` applies the same plan
// through Drive and records it in «Журнал». Anyone else who can read a file (a viewer, a link, a domain) is drift too.
// Each cabinet's bound script is compared with the cabinet build (after `projects.get` shows the recorded script id is
// really that cabinet's): any editor of a cabinet can change its code, which the others then run — reported, never
// "fixed" here (`ebppk deploy` puts the build back).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemClock } from '../adapters/clock';
import type { Clock } from '../core/ports';
import { ACCESS, CABINETS, JOURNAL, SETTINGS, TERRITORIES } from '../core/sheets/master';
import type { Cell } from '../core/sheets/spec';
import { journal } from '../core/use-cases/journal';
import { describeDrift, reconcileSharing, type SharingDrift } from '../core/use-cases/sharing';
import { zoneWallClock } from '../local/zones';
import { a1Sheet, type BankFile, bankFiles, FetchedBookStore, readWorkbook, whoAmI } from './bank';
import { CliError } from './config';
import { boundTo, projectFiles, type ScriptFile, same } from './deploy';
import type { Google } from './google';
import { type Output, Progress } from './progress';

interface Permission {
  readonly id: string;
  readonly type: string;
  readonly role: string;
  readonly email: string;
  readonly domain: string;
}

const EDIT_ROLES = new Set(['writer', 'organizer', 'fileOrganizer']);
/** Google's refusal of one change (400 — an address without a Google account —, 403, 404): `Google.call`'s codes. */
const REFUSALS = new Set([5, 6, 8]);

/** The exit code `Google.call` gives when an API is not enabled (README: exit codes). */
const API_OFF = 4;

/** One request per file (a bank file has far fewer than 100 permissions; further pages are followed). */
export const listPermissions = async (g: Google, file: BankFile): Promise<Permission[]> => {
  const out: Permission[] = [];
  let pageToken: string | undefined;
  do {
    const page = await g.call('drive', `права доступа: ${file.label}`, () =>
      g.drive.permissions.list({
        fileId: file.id,
        fields: 'nextPageToken,permissions(id,type,role,emailAddress,domain)',
        pageSize: 100,
        supportsAllDrives: true,
        ...(pageToken ? { pageToken } : {}),
      }),
    );
    for (const p of page.permissions ?? [])
      out.push({
        id: String(p.id),
        type: String(p.type),
        role: String(p.role),
        email: String(p.emailAddress ?? '').toLowerCase(),
        domain: String(p.domain ?? ''),
      });
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
};

/** Readers, commenters, links and domains: nobody should read a bank file without editing it through «Доступ». */
const readersOf = (perms: readonly Permission[]): Permission[] => perms.filter((p) => p.role !== 'owner' && (!EDIT_ROLES.has(p.role) || p.type !== 'user'));

const whoLabel = (p: Permission): string =>
  p.type === 'anyone' ? 'любой, у кого есть ссылка' : p.type === 'domain' ? `весь домен ${p.domain}` : p.type === 'group' ? `группа ${p.email}` : p.email;

/** Who, and what they may do: a group or a link may edit, comment or read. */
const withAccess = (p: Permission): string => `${whoLabel(p)} (${EDIT_ROLES.has(p.role) ? 'редактирует' : p.role === 'commenter' ? 'комментирует' : 'читает'})`;

export interface AuditResult {
  readonly files: number;
  readonly drift: SharingDrift[];
  readonly readers: Array<{ file: BankFile; who: string[]; removed: boolean }>;
  /** Cabinets whose script is not the cabinet build, or whose recorded script id is not theirs. */
  readonly scripts: Array<{ file: BankFile; problem: string }>;
  /** Drift left after this run (what `--fix` could not or must not repair). */
  readonly remaining: number;
}

/**
 * Each cabinet's script against the build: one `projects.get` and one `getContent` per cabinet with a recorded script.
 * A script that cannot be read is that cabinet's problem, and the others are still checked; the Apps Script API being
 * off for this account (or a service account, which the API refuses) leaves the code unchecked, said once — the sharing
 * audit does not need it.
 */
const auditScripts = async (
  g: Google,
  o: Output,
  files: readonly BankFile[],
  build: readonly ScriptFile[],
): Promise<Array<{ file: BankFile; problem: string }>> => {
  const out: Array<{ file: BankFile; problem: string }> = [];
  for (const file of files) {
    if (file.role !== 'cabinet' || !file.scriptId) continue;
    const t = { label: file.label, scriptId: file.scriptId, parentId: file.id };
    try {
      const foreign = await boundTo(g, t);
      if (foreign) {
        out.push({ file, problem: `записанный скрипт не его: ${foreign}` });
        continue;
      }
      const now = await g.call('script', `${file.label}: чтение кода`, () => g.script.projects.getContent({ scriptId: t.scriptId }));
      if (!same(build, now.files ?? []))
        out.push({
          file,
          problem: 'код скрипта отличается от сборки кабинета (его изменили в редакторе скриптов или не обновили) — ebppk deploy вернёт сборку',
        });
    } catch (e) {
      if (e instanceof CliError && e.exitCode === API_OFF) {
        o.err(`Код кабинетов не сверен: ${e.message}`);
        return out;
      }
      out.push({ file, problem: `скрипт не удалось проверить: ${(e as Error).message}` });
    }
  }
  return out;
};

export const audit = async (
  g: Google,
  masterId: string,
  o: Output,
  opts: { fix: boolean; closeMaster: boolean; cabinetBuild?: string; clock?: Clock },
): Promise<AuditResult> => {
  const clock = opts.clock ?? systemClock;
  const me = await whoAmI(g);
  const { workbook: master, timeZone } = await readWorkbook(g, masterId, [ACCESS, TERRITORIES, CABINETS, SETTINGS, JOURNAL]);
  const files = bankFiles(master).filter((f) => f.role !== 'archive');
  const perms = new Map<string, Permission[]>();
  const progress = new Progress(o, 'Проверка доступа', files.length);
  for (const f of files) {
    perms.set(f.id, await listPermissions(g, f));
    progress.step(f.label);
  }
  progress.end();
  const owner = perms.get(masterId)?.find((p) => p.role === 'owner')?.email ?? me;
  const editors = new Map([...perms].map(([id, ps]) => [id, ps.filter((p) => p.type === 'user' && EDIT_ROLES.has(p.role)).map((p) => p.email)]));
  const store = new FetchedBookStore(owner, new Map(), editors);
  const journalBefore = master.grid(JOURNAL.name).rows.length;
  const drift = reconcileSharing({ master, books: store, cabinets: store, clock }, { repairMaster: opts.closeMaster });
  const readers = files
    .map((file) => ({ file, perms: readersOf(perms.get(file.id) ?? []) }))
    .filter((r) => r.perms.length)
    .map((r) => ({ ...r, removed: opts.fix && (r.file.role !== 'master' || opts.closeMaster) }));
  let scripts: Array<{ file: BankFile; problem: string }> = [];
  if (opts.cabinetBuild && fs.existsSync(path.join(opts.cabinetBuild, 'appsscript.json')))
    scripts = await auditScripts(g, o, files, projectFiles(opts.cabinetBuild));
  else o.err('Код кабинетов не сверен: нет сборки кабинета (npm run build).');
  for (const d of drift) o.out(`• ${describeDrift(d)}`);
  for (const r of readers) o.out(`• ${r.file.label}: открыт помимо листа «Доступ» — ${r.perms.map(withAccess).join(', ')}`);
  for (const x of scripts) o.out(`• ${x.file.label}: ${x.problem}`);
  const refused: Array<{ file: string; who: string; reason: string }> = [];
  if (opts.fix) {
    const label = new Map(files.map((f) => [f.id, f.label]));
    // One change Google refuses (an address without a Google account, a file gone) is reported and journaled; the
    // others are still made. Signing in again or a lost connection stops the run.
    const attempt = async (id: string, who: string, change: () => Promise<unknown>) => {
      try {
        await change();
      } catch (e) {
        if (!(e instanceof CliError) || !REFUSALS.has(e.exitCode)) throw e;
        refused.push({ file: label.get(id) ?? id, who, reason: e.message });
      }
    };
    for (const step of store.plan) {
      const ps = perms.get(step.id) ?? [];
      for (const email of step.add)
        await attempt(step.id, email, () =>
          g.call('drive', `открыть доступ ${email}`, () =>
            g.drive.permissions.create({
              fileId: step.id,
              sendNotificationEmail: false,
              supportsAllDrives: true,
              requestBody: { type: 'user', role: 'writer', emailAddress: email },
            }),
          ),
        );
      for (const email of step.remove)
        for (const p of ps.filter((x) => x.email === email && x.type === 'user'))
          await attempt(step.id, email, () =>
            g.call('drive', `закрыть доступ ${email}`, () => g.drive.permissions.delete({ fileId: step.id, permissionId: p.id, supportsAllDrives: true })),
          );
    }
    for (const r of readers.filter((x) => x.removed))
      for (const p of r.perms)
        await attempt(r.file.id, whoLabel(p), () =>
          g.call('drive', `закрыть доступ ${whoLabel(p)}`, () =>
            g.drive.permissions.delete({ fileId: r.file.id, permissionId: p.id, supportsAllDrives: true }),
          ),
        );
    for (const x of refused) {
      o.out(`• ${x.file}: Google не выполнил изменение доступа для ${x.who} — ${x.reason}`);
      journal(master, { at: clock.now(), actor: me, action: 'доступ не изменён', reason: `${x.file}: ${x.who} — ${x.reason}` });
    }
    // The journal rows reconcileSharing added to the copy, appended to the real «Журнал» as plain values (RAW: never a formula).
    const added = master.grid(JOURNAL.name).rows.slice(journalBefore);
    if (added.length)
      await g.call('sheets', 'запись в «Журнал»', () =>
        g.sheets.spreadsheets.values.append({
          spreadsheetId: masterId,
          range: a1Sheet(JOURNAL.name),
          valueInputOption: 'RAW',
          insertDataOption: 'INSERT_ROWS',
          requestBody: { values: added.map((r) => r.map((v) => sheetValue(v, timeZone))) },
        }),
      );
  }
  const unrepaired =
    (opts.fix ? drift.filter((d) => !d.repaired).length + readers.filter((r) => !r.removed).length + refused.length : drift.length + readers.length) +
    scripts.length;
  o.out(
    drift.length + readers.length + scripts.length === 0
      ? `Доступ ко всем ${files.length} файлам банка совпадает с листом «Доступ».`
      : opts.fix
        ? `Исправлено; осталось расхождений: ${unrepaired}.${unrepaired ? ' Лишних редакторов мастер-таблицы закрывает «--close-master» (или сектор в меню банка).' : ''}`
        : `Расхождений: ${drift.length + readers.length + scripts.length}. Исправить: ebppk audit --fix${scripts.length ? ' (код кабинетов — ebppk deploy)' : ''}`,
  );
  return {
    files: files.length,
    drift,
    readers: readers.map((r) => ({ file: r.file, who: r.perms.map(whoLabel), removed: r.removed })),
    scripts,
    remaining: unrepaired,
  };
};

/**
 * A cell for `values.append` RAW: a Date as the spreadsheet's serial day number of its wall clock in the
 * spreadsheet's zone (not the computer's), the rest as is.
 */
export const sheetValue = (v: Cell, timeZone: string): string | number | boolean =>
  v instanceof Date ? (zoneWallClock(v, timeZone) - Date.UTC(1899, 11, 30)) / 86_400_000 : v;
