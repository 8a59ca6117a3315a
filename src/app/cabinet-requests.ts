// What a cabinet may ask of the owner's job: the very server functions the master's sidebars call, run by the job (as
// the owner) on behalf of the person the request names — their role and scope checked against «Доступ» and the cabinet's
// own subdivision, their arguments validated by the function's own schema.

import { ddmmyyyy } from '../core/dates';
import type { Workbook } from '../core/ports';
import {
  CABINET_COURSES,
  CABINET_GROUPS,
  CABINET_PEOPLE,
  CABINET_PERIOD_STATS,
  CABINET_PROVIDER,
  CABINET_QUOTAS,
  CABINET_REGISTRY,
  REQUEST_STATE,
} from '../core/sheets/cabinet';
import { ACCESS } from '../core/sheets/master';
import type { Row, SheetSpec } from '../core/sheets/spec';
import { describeRestored, keepRequestSheets, markRequests, RESUMED, type RequestSheets, waitingRequests } from '../core/use-cases/cabinets';
import { CabinetCorrectionInput } from '../core/use-cases/completion';
import { findUser } from '../core/use-cases/current-user';
import { journal } from '../core/use-cases/journal';
import { type Figures, figuresRows } from '../core/use-cases/statistics';
import type * as z from '../core/zod';
import type { App } from './app';
import { BAD_ARGS, type Rpc, type RpcResult } from './rpc';
import * as staff from './rpc-staff';

/**
 * What a cabinet may ask, by the name of the staff function that does it; `args` is what the cabinet may pass (checked
 * when the cabinet writes the request and again when the job carries it out: the person could type anything on their
 * own sheet), the function's own schema then checks it once more. `keep`: what the cabinet keeps of the result.
 */
interface CabinetAction {
  readonly run: Rpc<unknown, z.ZodMiniType>;
  readonly args: z.ZodMiniType;
  /** The cabinet's sheets (mirrored from the master) the function can change: refreshed after it is carried out at once. */
  readonly touches: readonly SheetSpec[];
  readonly keep?: (book: Workbook, value: unknown, asked: string) => void;
}
const action = <F extends Rpc<unknown, z.ZodMiniType>, A extends z.ZodMiniType = F['args']>(
  run: F,
  touches: readonly SheetSpec[],
  args?: A,
  keep?: CabinetAction['keep'],
) => ({ run, touches, args: (args ?? run.args) as A, keep }) as const;

/** What moves applications changes: the course's counts, its provider's rows, its groups and their register. */
const MOVES = [CABINET_COURSES, CABINET_PROVIDER, CABINET_GROUPS, CABINET_REGISTRY];

export const CABINET_REQUEST_FUNCTIONS = {
  setEnrolment: action(staff.setEnrolment, [CABINET_COURSES]),
  formGroup: action(staff.formGroup, MOVES),
  addLateArrivals: action(staff.addLateArrivals, MOVES),
  withdrawApplication: action(staff.withdrawApplication, MOVES),
  undoMark: action(staff.undoMark, MOVES),
  completeGroup: action(staff.completeGroup, [CABINET_GROUPS, CABINET_REGISTRY]),
  archiveGroup: action(staff.archiveGroup, MOVES),
  generateDocuments: action(staff.generateDocuments, [CABINET_REGISTRY]),
  grantAccess: action(staff.grantAccess, [CABINET_PEOPLE]),
  revokeAccess: action(staff.revokeAccess, [CABINET_PEOPLE]),
  saveCourse: action(staff.saveCourse, [CABINET_COURSES, CABINET_QUOTAS]),
  correctLearner: action(staff.correctLearner, [CABINET_GROUPS], CabinetCorrectionInput),
  exportFrdoFile: action(staff.exportFrdoFile, []),
  // The figures go to the cabinet's «Статистика за период», which the sidebar shows (nothing of them is personal).
  getStatistics: action(staff.getStatistics, [], undefined, (book, value, asked) =>
    book.table(CABINET_PERIOD_STATS).replaceAll(figuresRows(value as Figures, asked)),
  ),
} as const;
export type CabinetRequestKind = keyof typeof CABINET_REQUEST_FUNCTIONS;

/**
 * How the cabinet reaches each function a course leader has among the staff functions (rpc-staff.ts): a request of that
 * kind, or the cabinet's own view (its sheets, which the owner's job writes from the master). A test compares this with
 * the leader's functions.
 */
export const CABINET_REACHES: Readonly<Record<string, CabinetRequestKind | 'view'>> = {
  getLeaderOverview: 'view',
  getCourse: 'view',
  getAttendance: 'view',
  getGroupCompletion: 'view',
  saveCourse: 'saveCourse',
  setEnrolment: 'setEnrolment',
  formGroup: 'formGroup',
  addLateArrivals: 'addLateArrivals',
  withdrawApplication: 'withdrawApplication',
  undoMark: 'undoMark',
  correctLearner: 'correctLearner',
  completeGroup: 'completeGroup',
  archiveGroup: 'archiveGroup',
  generateDocuments: 'generateDocuments',
  // The master's export writes a sheet of the master, which no leader opens: the cabinet's is a file of the subdivision.
  exportFrdo: 'exportFrdoFile',
  exportFrdoFile: 'exportFrdoFile',
  getStatistics: 'getStatistics',
};

const KINDS: readonly string[] = Object.keys(CABINET_REQUEST_FUNCTIONS);
const isKind = (k: string): k is CabinetRequestKind => KINDS.includes(k);

/** What the person sees in «Действие». */
export const REQUEST_LABELS: Readonly<Record<CabinetRequestKind, string>> = {
  setEnrolment: 'Запись на курс',
  formGroup: 'Сформировать группу',
  addLateArrivals: 'Добавить опоздавших в группу',
  withdrawApplication: 'Отозвать заявку',
  undoMark: 'Вернуть заявку',
  completeGroup: 'Завершить обучение',
  archiveGroup: 'Перенести группу в архив',
  generateDocuments: 'Подготовить документы группы',
  grantAccess: 'Выдать доступ',
  revokeAccess: 'Отозвать доступ',
  saveCourse: 'Сохранить курс',
  correctLearner: 'Исправить данные слушателя',
  exportFrdoFile: 'Выгрузка в ФИС ФРДО',
  getStatistics: 'Статистика за период',
};

const stamp = (at: Date): string => `${ddmmyyyy(at)} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
const ROLE_WORDS: Readonly<Record<string, string>> = { leader: 'руководитель курсов', head: 'начальник отдела', methodist: 'методист', sector: 'сектор' };

/** «Что именно»: the request's arguments in words (they were checked by the function's own schema before). */
export const describeRequest = (kind: CabinetRequestKind, a: Record<string, unknown>): string => {
  switch (kind) {
    case 'setEnrolment':
      return `курс ${a.code}: запись ${a.state}`;
    case 'formGroup':
      return `курс ${a.code}: присутствовали ${count(a.present)}`;
    case 'addLateArrivals':
      return `курс ${a.code}, группа ${a.group}: добавить ${count(a.ids)}`;
    case 'withdrawApplication':
      return `заявка ${a.id}${a.reason ? `: ${a.reason}` : ''}`;
    case 'undoMark':
      return `заявка ${a.id}: ${a.reason}`;
    case 'completeGroup': {
      const outcomes = Array.isArray(a.outcomes) ? (a.outcomes as Array<{ outcome?: string }>) : [];
      const expelled = outcomes.filter((o) => o.outcome === 'expelled').length;
      return `группа ${a.group}: завершили ${outcomes.length - expelled}, отчислены ${expelled}`;
    }
    case 'archiveGroup':
    case 'generateDocuments':
      return `группа ${a.group}`;
    case 'grantAccess':
      return `${a.email} — ${ROLE_WORDS[String(a.role)] ?? a.role}${a.name ? ` (${a.name})` : ''}`;
    case 'revokeAccess':
      return String(a.email);
    case 'saveCourse':
      return `курс ${a.code}: ${a.title}`;
    case 'correctLearner':
      return `заявка ${a.id}: ${Object.keys(a)
        .filter((k) => k !== 'id' && a[k] !== undefined)
        .map((k) => CORRECTED[k] ?? k)
        .join(', ')}`;
    case 'exportFrdoFile':
    case 'getStatistics':
      return `${showIso(a.from)}–${showIso(a.to)}`;
  }
};

/** The learner's fields in words («Что именно» of a correction). */
const CORRECTED: Readonly<Record<string, string>> = {
  lastName: 'фамилия',
  firstName: 'имя',
  middleName: 'отчество',
  email: 'эл. почта',
  organization: 'организация',
  position: 'должность',
  sex: 'пол',
  educationLevel: 'уровень образования',
  diplomaLastName: 'фамилия в дипломе',
};

/** «2026-01-31» → «31.01.2026». */
const showIso = (v: unknown): string =>
  String(v ?? '')
    .split('-')
    .reverse()
    .join('.');

/** A line the cabinet shows for a finished request. */
const summary = (kind: CabinetRequestKind, value: Record<string, unknown>): string => {
  switch (kind) {
    case 'formGroup':
    case 'addLateArrivals':
      return `группа ${value.group}: зачислено ${value.enrolled}${kind === 'formGroup' ? `, не явились ${value.absent}` : ''}${
        (value.refused as string[]).length ? `; не выполнено: ${(value.refused as string[]).join('; ')}` : ''
      }`;
    case 'completeGroup':
      return `завершили ${value.completed}, отчислены ${value.expelled}${(value.numbers as string[]).length ? `; удостоверения № ${(value.numbers as string[]).join(', ')}` : ''}`;
    case 'generateDocuments':
      return String(value.state);
    case 'undoMark':
      return `заявка ${value.id} возвращена ${value.stage === 'group' ? 'в группу' : 'в «Копилку поставщика»'}`;
    case 'saveCourse':
      return `курс ${value.code} ${value.created ? 'создан' : 'сохранён'}`;
    case 'correctLearner':
      return `данные слушателя исправлены (заявка ${value.id})`;
    case 'exportFrdoFile': {
      const problems = value.problems as string[];
      return `файл «${value.sheet}»: строк ${value.exported}${problems.length ? `; не выгружены (не хватает данных): ${problems.join('; ')}` : ''} — ${value.link}`;
    }
    case 'getStatistics': {
      const f = value as unknown as Figures;
      return `за ${f.period}: подано ${f.totals.submitted}, зачислено ${f.totals.grouped}, завершили ${f.totals.completed} — лист «${CABINET_PERIOD_STATS.name}»`;
    }
    default:
      return 'готово';
  }
};

const MAX_ATTEMPTS = 3;
const ATTEMPT = 'сбой, попытка';

export interface CabinetRequestsReport {
  readonly done: number;
  readonly failed: number;
  /** Each request carried out or refused in this run: its id, state and result (the web app answers with them). */
  readonly results: ReadonlyArray<{ readonly id: string; readonly state: string; readonly result: string; readonly fields?: Record<string, string> }>;
  /** The cabinet's mirrored sheets the requests carried out can have changed (by name). */
  readonly touched: ReadonlySet<string>;
}

/** One request, as the person: its arguments checked against what a cabinet may pass, then the function itself. */
const carry = (app: App, book: Workbook, kind: CabinetRequestKind, person: string, raw: unknown): RpcResult<unknown> => {
  const a = CABINET_REQUEST_FUNCTIONS[kind] as CabinetAction;
  const args = a.args.safeParse(raw);
  if (!args.success) return { ok: false, error: `${BAD_ARGS}: ${args.error.issues.map((i) => `${i.path.join('.') || 'аргумент'} — ${i.message}`).join('; ')}` };
  const result = a.run({ ...app, identity: { email: () => person }, notify: () => undefined }, args.data);
  if (result.ok && a.keep) a.keep(book, result.value, `${person}, ${stamp(app.clock.now())}`);
  return result;
};

/**
 * The cabinet's request sheets kept for the subdivision's active head and leaders as «Доступ» says (`access`: its rows);
 * a protection found changed is journaled.
 */
export const keepSheets = (app: App, book: Workbook, subdivision: string, access: readonly Row[]): RequestSheets => {
  const people = access
    .filter((a) => a.active === true && (a.role === 'leader' || a.role === 'head') && a.scope === subdivision)
    .map((a) => String(a.email).trim().toLowerCase());
  const sheets = keepRequestSheets(book, people);
  const found = describeRestored(subdivision, sheets);
  if (found) journal(app.master, { at: app.clock.now(), actor: 'банк', action: 'проверка кабинета', reason: found });
  return sheets;
};

/**
 * Carries out a cabinet's waiting requests (and any a crashed run left half-done: see waitingRequests), each on behalf
 * of the person whose protected sheet it is on (keepRequestSheets: the protection, not a cell, says who asked); that
 * person's role and scope are checked again against «Доступ» by the function itself.
 */
export const runCabinetRequests = (app: App, book: Workbook, subdivision: string): CabinetRequestsReport => {
  const access = app.master.table(ACCESS).read();
  const sheets = keepSheets(app, book, subdivision, access);
  let done = 0;
  let failed = sheets.refused.length;
  const touched = new Set<string>();
  const results: Array<{ id: string; state: string; result: string; fields?: Record<string, string> }> = [...sheets.refused];
  for (const { spec, person } of sheets.trusted) {
    const waiting = waitingRequests(book, spec);
    if (!waiting.length) continue;
    const outcome = new Map<string, { state: string; result: string }>();
    // What a refusal says of each field (the sidebar shows it beside the field): answered by the web app, not kept.
    const fields = new Map<string, Record<string, string>>();
    markRequests(book, spec, new Map(waiting.filter((r) => !r.resumed).map((r) => [r.id, { state: REQUEST_STATE.running, result: '' }])));
    const user = findUser(access, person);
    for (const r of waiting) {
      let result: RpcResult<unknown>;
      if (!isKind(r.kind)) result = { ok: false, error: `Неизвестное действие «${r.kind}».` };
      else if (user.role !== 'leader' && user.role !== 'head') result = { ok: false, error: `${person}: нет доступа к кабинету.` };
      else if (user.scope !== subdivision) result = { ok: false, error: `${person} работает в другом подразделении.` };
      else result = carry(app, book, r.kind, person, r.args);
      if (result.ok) done++;
      if (isKind(r.kind)) for (const spec of (CABINET_REQUEST_FUNCTIONS[r.kind] as CabinetAction).touches) touched.add(spec.name);
      if (!result.ok && result.interrupted) {
        // Stopped on an exception, maybe half-way: stays «выполняется», so the next run resumes it (the functions are
        // idempotent) — up to MAX_ATTEMPTS runs, then it is reported.
        const attempt = (Number(new RegExp(`${ATTEMPT} (\\d+)`).exec(r.previous)?.[1]) || 0) + 1;
        if (attempt < MAX_ATTEMPTS) {
          outcome.set(r.id, { state: REQUEST_STATE.running, result: `${ATTEMPT} ${attempt}: ${result.error}` });
          continue;
        }
      }
      if (!result.ok) failed++;
      if (!result.ok && result.fields) fields.set(r.id, result.fields);
      outcome.set(r.id, {
        state: result.ok ? REQUEST_STATE.done : REQUEST_STATE.failed,
        result: result.ok
          ? summary(r.kind as CabinetRequestKind, result.value as Record<string, unknown>)
          : [result.error, ...Object.values(result.fields ?? {}), r.resumed ? `(${RESUMED})` : ''].filter(Boolean).join(' '),
      });
    }
    markRequests(book, spec, outcome);
    outcome.forEach((o, id) => results.push({ id, ...o, ...(fields.has(id) ? { fields: fields.get(id) } : {}) }));
  }
  return { done, failed, results, touched };
};
