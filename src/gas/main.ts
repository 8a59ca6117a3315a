// The public barrel: every export here becomes a top-level Apps Script function in build/Code.js.
// Names ending in `_` are for menus and triggers only: google.script.run cannot call them.

import { scriptProperties } from '../adapters/spreadsheet-app/services';
import { errorText } from '../app/errors';
import { handleFormSubmit } from '../app/intake';
import { describeJob, journalProblem, runJob } from '../app/job';
import { getHelpInfo as help } from '../app/rpc';
import * as staff from '../app/rpc-staff';
import type { Role } from '../core/domain/lifecycle';
import { reprocessQuarantine } from '../core/intake/process-responses';
import { sweepResponses } from '../core/intake/sweep';
import { ACCESS } from '../core/sheets/master';
import { ensureCabinets } from '../core/use-cases/cabinets';
import { currentUser } from '../core/use-cases/current-user';
import { checkIntegrity } from '../core/use-cases/integrity';
import { NEXT_RUN, requestOwnerWork } from '../core/use-cases/owner-work';
import { setupBank } from '../core/use-cases/setup-bank';
import { markDirty } from '../core/use-cases/sync-territories';
import { ensureTerritoryBooks } from '../core/use-cases/territory-books';
import { compose, type GasApp, rememberMaster, TRIGGER_SPECS } from './compose';
import { requireRole } from './guard';
import { syncForm } from './intake';
import { buildMenu } from './menu';
import { runNowAnswer } from './run-now';
import { serve } from './serve';
import { serviceUrl, statusAnswer, statusForm } from './status';
import { alert, menuAction, showSidebar } from './ui';

/** Stop creating territory workbooks after 4 minutes: Apps Script ends an execution at 6. */
const BOOKS_BUDGET_MS = 4 * 60 * 1000;

// The sidebars' server functions: each runs as the person who clicked, on the App of this execution.
export const getHelpInfo = serve(help);
export const getLeaderOverview = serve(staff.getLeaderOverview);
export const getCourse = serve(staff.getCourse);
export const saveCourse = serve(staff.saveCourse);
export const setEnrolment = serve(staff.setEnrolment);
export const getAttendance = serve(staff.getAttendance);
export const formGroup = serve(staff.formGroup);
export const addLateArrivals = serve(staff.addLateArrivals);
export const withdrawApplication = serve(staff.withdrawApplication);
export const undoMark = serve(staff.undoMark);
export const withdrawConsent = serve(staff.withdrawConsent);
export const getControlBoard = serve(staff.getControlBoard);
export const getGroupCompletion = serve(staff.getGroupCompletion);
export const correctLearner = serve(staff.correctLearner);
export const completeGroup = serve(staff.completeGroup);
export const archiveGroup = serve(staff.archiveGroup);
export const exportFrdo = serve(staff.exportFrdo);
export const generateDocuments = serve(staff.generateDocuments);
export const rolloverArchive = serve(staff.rolloverArchive);
export const refreshStatistics = serve(staff.refreshStatistics);
export const getStatistics = serve(staff.getStatistics);
export const getAccessList = serve(staff.getAccessList);
export const grantAccess = serve(staff.grantAccess);
export const revokeAccess = serve(staff.revokeAccess);
export const saveSubdivision = serve(staff.saveSubdivision);
export const saveTerritory = serve(staff.saveTerritory);

/** Simple trigger: builds the menu. Runs in LIMITED mode, so it does nothing else. */
export function onOpen(): void {
  try {
    buildMenu();
  } catch (e) {
    console.error(`onOpen: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function showHelp_(): void {
  menuAction('showHelp_', () => showSidebar('help'));
}

export function setupBank_(): void {
  menuAction('setupBank_', () => {
    const app = compose();
    const result = app.lock.withLock(() =>
      // The letters link the status page: its address once the web app is deployed (README, «Страница статуса заявки»).
      setupBank({
        master: app.master,
        clock: app.clock,
        actor: app.identity.email(),
        triggers: app.triggers,
        triggerSpecs: TRIGGER_SPECS,
        statusUrl: serviceUrl(),
      }),
    );
    if (!result.ok) return alert(result.error);
    rememberMaster(app.ss);
    const r = result.value;
    const books = ensureTerritoryBooks({ master: app.master, books: app.books, clock: app.clock, actor: app.identity.email(), budgetMs: BOOKS_BUDGET_MS });
    if (books.created.length) app.lock.withLock(() => markDirty(app.properties, '*'));
    const cabinets = ensureCabinets({ master: app.master, cabinets: app.cabinets, clock: app.clock, actor: app.identity.email(), budgetMs: BOOKS_BUDGET_MS });
    // New cabinets open for their people, and the master's sharing is checked, at the job's next run (the owner's).
    requestOwnerWork(app.properties, 'sharing');
    const form = syncForm(app);
    const parts = [
      r.createdSheets.length ? `Созданы листы: ${r.createdSheets.join(', ')}.` : '',
      r.addedColumns.length ? `Добавлены столбцы: ${r.addedColumns.join(', ')}.` : '',
      r.addedTerritories ? `Добавлено территорий: ${r.addedTerritories}.` : '',
      r.installedTriggers.length ? `Установлены триггеры: ${r.installedTriggers.join(', ')}.` : '',
      r.bootstrapSector ? `Вы (${r.bootstrapSector}) добавлены на лист «Доступ» как сотрудник сектора.` : '',
      books.created.length ? `Созданы книги территорий: ${books.created.length}.` : '',
      books.shared || books.unshared ? `Доступ к книгам: открыт ${books.shared}, закрыт ${books.unshared}.` : '',
      books.remaining ? `Осталось создать книг: ${books.remaining} — запустите «Настроить банк» ещё раз.` : '',
      cabinets.created.length ? `Созданы кабинеты подразделений: ${cabinets.created.join(', ')} (доступ откроется ${NEXT_RUN}).` : '',
      cabinets.withoutScript ? 'Шаблон кабинета не задан («Настройки», cabinetTemplateId): кабинеты созданы без меню — см. README.' : '',
      cabinets.remaining ? `Осталось создать кабинетов: ${cabinets.remaining} — запустите «Настроить банк» ещё раз.` : '',
      form.created ? `Создана форма заявки: ${form.url} (ссылка сохранена на листе «Настройки»).` : '',
    ].filter(Boolean);
    app.ss.toast(parts.length ? parts.join(' ') : 'Банк уже настроен: изменений нет.', 'ЕБППК', 10);
  });
}

/** The time-driven job (installed by setup, runs as the bank's owner): no UI here, and no exception escapes silently. */
export function runJob_(): void {
  let app: GasApp | undefined;
  try {
    app = compose();
    const r = runJob(app);
    console.log(describeJob(r));
  } catch (e) {
    console.error(`runJob_: ${errorText(e)}`);
    if (app) journalProblem(app, 'ошибка фонового задания', errorText(e));
  }
}

export function syncNow_(): void {
  menuAction('syncNow_', () => {
    const app = compose();
    if (!requireRole(app, ['sector'])) return;
    // The job makes files (documents, workbooks, cabinets) and shares them: run by anyone but the bank's owner, they
    // would belong to that person. So only the owner runs it from the menu; for the others, the job runs by itself.
    const owner = DriveApp.getFileById(app.ss.getId()).getOwner().getEmail().toLowerCase();
    if (Session.getEffectiveUser().getEmail().toLowerCase() !== owner)
      return alert(`«Синхронизировать сейчас» выполняет владелец банка (${owner}). Фоновое задание и так запускается каждые 5 минут.`);
    app.ss.toast(describeJob(runJob(app)), 'ЕБППК — синхронизация', 10);
  });
}

export function checkIntegrity_(): void {
  menuAction('checkIntegrity_', () => {
    const app = compose();
    if (!requireRole(app, ['sector'])) return;
    const r = checkIntegrity(app.master, app.books);
    if (!r.problems.length) return alert(`Целостность в порядке: проверено заявок — ${r.checked}. Каждая стоит ровно на одном листе своего этапа.`);
    journalProblem(app, 'проверка целостности', r.problems.join('; '));
    alert(`Найдено проблем: ${r.problems.length} (полный список — в «Журнале»).\n\n${r.problems.slice(0, 15).join('\n')}`);
  });
}

/** Asks the owner's job to compare every file's editors with «Доступ»: only the owner can read and repair them all. */
export function auditSharing_(): void {
  menuAction('auditSharing_', () => {
    const app = compose();
    if (!requireRole(app, ['sector'])) return;
    requestOwnerWork(app.properties, 'sharing');
    app.ss.toast(`Проверка доступа к файлам банка выполнится ${NEXT_RUN}; что найдено и исправлено — в «Журнале».`, 'ЕБППК', 10);
  });
}

/**
 * Asks the owner's job to remove from the master every editor who is not sector staff (leaders and heads work in their
 * cabinets; any editor could change the code the owner's triggers run). The sector confirms first.
 */
export function closeMasterSharing_(): void {
  menuAction('closeMasterSharing_', () => {
    const app = compose();
    if (!requireRole(app, ['sector'])) return;
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(
      'Закрыть доступ к мастер-таблице всем, кроме сектора?',
      'Руководители курсов и начальники отделов работают в кабинетах подразделений. Доступ к этой таблице останется только у владельца и сотрудников сектора с листа «Доступ».',
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer !== ui.Button.OK) return;
    requestOwnerWork(app.properties, 'masterSharing');
    app.ss.toast(`Доступ закроется ${NEXT_RUN}; что сделано — в «Журнале».`, 'ЕБППК', 10);
  });
}

/** Installable form-submit trigger (runs as the owner who installed it). Never throws: see handleFormSubmit. */
export function onFormSubmit_(e: unknown): void {
  try {
    handleFormSubmit(compose(), e);
  } catch (err) {
    console.error(`onFormSubmit_: ${errorText(err)}`);
  }
}

/**
 * Installable edit trigger on the master (runs as the owner who installed it, on a person's edit — a script's writes fire
 * none): an edit of «Доступ» asks the owner's job to make every file's sharing follow it at its next run. One property
 * read and write; every other edit costs nothing. Never throws.
 */
export function onMasterEdit_(e?: { range?: GoogleAppsScript.Spreadsheet.Range }): void {
  try {
    if (e?.range?.getSheet().getName() !== ACCESS.name) return;
    requestOwnerWork(scriptProperties(), 'sharing');
  } catch (err) {
    console.error(`onMasterEdit_: ${errorText(err)}`);
  }
}

export function sweepResponses_(): void {
  menuAction('sweepResponses_', () => {
    const app = compose();
    if (!requireRole(app, ['sector'])) return;
    const r = sweepResponses(app);
    app.ss.toast(
      r ? `Принято: ${r.accepted.length}, на проверку: ${r.quarantined.length}, повторных: ${r.duplicates.length}.` : 'Все ответы формы уже обработаны.',
      'ЕБППК — ответы формы',
      10,
    );
  });
}

export function reprocessQuarantine_(): void {
  menuAction('reprocessQuarantine_', () => {
    const app = compose();
    if (!requireRole(app, ['sector', 'leader'])) return;
    const r = reprocessQuarantine(app, app.identity.email());
    app.ss.toast(
      `Принято: ${r.accepted}, повторных: ${r.duplicates}, по-прежнему с ошибками: ${r.stillInvalid} (см. «Что исправить»).`,
      'ЕБППК — «На проверке»',
      10,
    );
  });
}

/** Opens a role's sidebar; anyone without that role gets «Справка», which says whom to ask for access. */
const openFor = (name: 'leader' | 'head' | 'sector', roles: readonly Role[]) =>
  menuAction(`show-${name}`, () => {
    const app = compose();
    const user = currentUser(app.master.table(ACCESS), app.identity.email());
    showSidebar(user.role && roles.includes(user.role) ? name : 'help');
  });

export function showLeader_(): void {
  openFor('leader', ['leader', 'head', 'sector']);
}

export function showHead_(): void {
  openFor('head', ['head', 'sector']);
}

export function showSector_(): void {
  openFor('sector', ['sector']);
}

/** The teacher's status page: the bank's web app (executes as the owner, open to anyone; README «Страница статуса»). */
export const doGet = () => statusForm();
/** The teacher's status form, or a cabinet's sidebar asking for its requests now (run-now.ts). */
export const doPost = (e?: { parameter?: Record<string, string | undefined> }) => (e?.parameter?.cabinet !== undefined ? runNowAnswer(e) : statusAnswer(e));
