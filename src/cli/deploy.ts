// `ebppk deploy [--dry-run]`: the master's script, the cabinet template's, then every cabinet's bound script (the
// script ids the cabinets recorded on «Кабинеты»), through the Apps Script API (`projects.getContent` to compare,
// `projects.updateContent` to push). Idempotent: a project that already has this build is skipped. A push that fails
// is reported with its reason and remembered; the next deploy tries it again (it still differs) and says so.
// A script id is only a hint (a cabinet's own script reports it; any cabinet editor can type another): before reading
// or writing a project, `projects.get` must show it bound to the spreadsheet the owner's job recorded for that target —
// the master, the template on «Настройки», the cabinet's spreadsheet on «Кабинеты». Anything else is refused and reported.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CABINETS, SETTINGS } from '../core/sheets/master';
import { getSetting } from '../core/use-cases/settings';
import { bankFiles, readWorkbook } from './bank';
import { CliError, readJson, writePrivate } from './config';
import type { Google } from './google';
import { type Output, Progress } from './progress';

export interface ScriptFile {
  readonly name: string;
  readonly type: 'SERVER_JS' | 'HTML' | 'JSON';
  readonly source: string;
}

/** A build folder as the Apps Script API wants it: Code.js → Code (SERVER_JS), x.html → x (HTML), appsscript.json (JSON). */
export const projectFiles = (dir: string): ScriptFile[] => {
  if (!fs.existsSync(path.join(dir, 'appsscript.json'))) throw new CliError(`${dir}: нет сборки (appsscript.json). Выполните «npm run build».`);
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f): ScriptFile[] => {
      const source = (): string => fs.readFileSync(path.join(dir, f), 'utf8');
      if (f === 'appsscript.json') return [{ name: 'appsscript', type: 'JSON', source: source() }];
      if (f.endsWith('.js')) return [{ name: f.slice(0, -3), type: 'SERVER_JS', source: source() }];
      if (f.endsWith('.html')) return [{ name: f.slice(0, -5), type: 'HTML', source: source() }];
      return [];
    });
};

export const same = (a: readonly ScriptFile[], b: ReadonlyArray<{ name?: string | null; type?: string | null; source?: string | null }>): boolean => {
  const key = (f: { name?: string | null; type?: string | null; source?: string | null }) => `${f.type}\u0000${f.name}\u0000${f.source}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
};

export interface Target {
  readonly label: string;
  readonly scriptId: string;
  /** The spreadsheet the project must be bound to (Apps Script API `parentId`). */
  readonly parentId: string;
  readonly files: readonly ScriptFile[];
}

export type Outcome = { target: Target; result: 'updated' | 'skipped' | 'would update' } | { target: Target; result: 'failed' | 'refused'; reason: string };

/** Whether `scriptId` is the project bound to `parentId`: one `projects.get`; the refusal's reason otherwise. */
export const boundTo = async (g: Google, t: Pick<Target, 'label' | 'scriptId' | 'parentId'>): Promise<string | null> => {
  const project = await g.call('script', `${t.label}: проект скрипта`, () => g.script.projects.get({ scriptId: t.scriptId }));
  const parent = String(project.parentId ?? '');
  if (parent === t.parentId) return null;
  return parent
    ? `проект ${t.scriptId} привязан к другой таблице (${parent}), а не к записанной ${t.parentId}: скрипт не наш — пропущен`
    : `проект ${t.scriptId} не привязан ни к какой таблице: скрипт не наш — пропущен`;
};

interface DeployState {
  /** script id → the reason its last push failed. */
  failed: Record<string, { label: string; reason: string; at: string }>;
}

export interface DeployOptions {
  readonly dryRun: boolean;
  readonly masterScriptId: string | null;
  readonly templateScriptId: string | null;
  readonly masterBuild: string;
  readonly cabinetBuild: string;
  readonly stateFile: string;
}

const realId = (id: string | null): id is string => Boolean(id && !/^REPLACE/.test(id));

/** The script id of a clasp project file (`.clasp.json`); null when absent or still the placeholder. */
export const claspScriptId = (file: string): string | null => {
  const j = readJson<{ scriptId?: string }>(file);
  return realId(j?.scriptId ?? null) ? String(j?.scriptId) : null;
};

export const deploy = async (g: Google, masterId: string, o: Output, opts: DeployOptions): Promise<Outcome[]> => {
  const master = projectFiles(opts.masterBuild);
  const cabinet = projectFiles(opts.cabinetBuild);
  const { workbook } = await readWorkbook(g, masterId, [CABINETS, SETTINGS]);
  const cabinets = bankFiles(workbook).filter((f) => f.role === 'cabinet');
  const templateId = getSetting(workbook.table(SETTINGS), 'cabinetTemplateId');
  const targets: Target[] = [];
  if (realId(opts.masterScriptId)) targets.push({ label: 'скрипт мастер-таблицы', scriptId: opts.masterScriptId, parentId: masterId, files: master });
  else o.err('Скрипт мастер-таблицы пропущен: в .clasp.json нет его scriptId.');
  if (!realId(opts.templateScriptId)) o.err('Шаблон кабинета пропущен: в .clasp-cabinet.json нет его scriptId.');
  else if (!templateId) o.err('Шаблон кабинета пропущен: на «Настройках» не записан cabinetTemplateId — не с чем сверить его скрипт.');
  else targets.push({ label: 'шаблон кабинета', scriptId: opts.templateScriptId, parentId: templateId, files: cabinet });
  for (const c of cabinets) {
    if (c.scriptId) targets.push({ label: c.label, scriptId: c.scriptId, parentId: c.id, files: cabinet });
    else o.err(`${c.label}: скрипт ещё не записан на «Кабинеты» (кабинет ни разу не открывали) — пропущен; у него код шаблона, с которого он скопирован.`);
  }
  const state: DeployState = readJson<DeployState>(opts.stateFile) ?? { failed: {} };
  const retrying = targets.filter((t) => state.failed[t.scriptId]);
  if (retrying.length) o.err(`Повторяю не удавшиеся в прошлый раз: ${retrying.map((t) => t.label).join(', ')}.`);
  const outcomes: Outcome[] = [];
  const progress = new Progress(o, opts.dryRun ? 'Проверка' : 'Обновление', targets.length);
  for (const t of targets) {
    try {
      const foreign = await boundTo(g, t);
      if (foreign) {
        outcomes.push({ target: t, result: 'refused', reason: foreign });
        progress.step(`${t.label}: ${RESULT_RU.refused}`);
        continue;
      }
      const now = await g.call('script', `${t.label}: чтение кода`, () => g.script.projects.getContent({ scriptId: t.scriptId }));
      if (same(t.files, now.files ?? [])) outcomes.push({ target: t, result: 'skipped' });
      else if (opts.dryRun) outcomes.push({ target: t, result: 'would update' });
      else {
        await g.call('script', `${t.label}: запись кода`, () =>
          g.script.projects.updateContent({ scriptId: t.scriptId, requestBody: { files: t.files.map((f) => ({ ...f })) } }),
        );
        outcomes.push({ target: t, result: 'updated' });
      }
      delete state.failed[t.scriptId];
    } catch (e) {
      if (e instanceof CliError && e.exitCode === 4) throw e; // the Apps Script API is off: every push would fail the same way
      const reason = (e as Error).message;
      outcomes.push({ target: t, result: 'failed', reason });
      if (!opts.dryRun) state.failed[t.scriptId] = { label: t.label, reason, at: new Date().toISOString() };
    }
    const last = outcomes[outcomes.length - 1];
    progress.step(`${t.label}: ${RESULT_RU[last.result]}`);
  }
  progress.end();
  if (!opts.dryRun) writePrivate(opts.stateFile, JSON.stringify(state, null, 1));
  const count = (r: Outcome['result']) => outcomes.filter((x) => x.result === r).length;
  o.out(
    opts.dryRun
      ? `Будет обновлено: ${count('would update')}, уже актуальны: ${count('skipped')}, ошибки чтения: ${count('failed')}.`
      : `Обновлено: ${count('updated')}, уже актуальны: ${count('skipped')}, не удалось: ${count('failed')}.`,
  );
  if (count('refused')) o.out(`Пропущено чужих проектов: ${count('refused')} (идентификатор скрипта на «Кабинетах» не ведёт к этому кабинету).`);
  for (const x of outcomes)
    if (x.result === 'failed' || x.result === 'refused') o.out(`  ✗ ${x.target.label} (${x.target.scriptId}): ${x.reason}`);
    else if (x.result === 'would update') o.out(`  → ${x.target.label} (${x.target.scriptId})`);
  return outcomes;
};

const RESULT_RU: Record<Outcome['result'], string> = {
  updated: 'обновлён',
  skipped: 'уже актуален',
  'would update': 'будет обновлён',
  failed: 'ошибка',
  refused: 'чужой проект — пропущен',
};
