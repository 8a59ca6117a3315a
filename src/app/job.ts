// The bank's one time-driven job (and «Синхронизировать сейчас»): sync territory workbooks, check integrity, send mail.

import { isoDay } from '../core/dates';
import { formChoices } from '../core/intake/form-choices';
import type { IntakeReport } from '../core/intake/process-responses';
import { sweepResponses } from '../core/intake/sweep';
import { COURSES, OUTBOX } from '../core/sheets/master';
import { ensureCabinets } from '../core/use-cases/cabinets';
import { finishConsentWithdrawals } from '../core/use-cases/consent';
import { closeStartedEnrolment } from '../core/use-cases/courses';
import { generateRequestedDocuments } from '../core/use-cases/documents';
import { checkIntegrity } from '../core/use-cases/integrity';
import { journal } from '../core/use-cases/journal';
import { digestLetter, letterTemplates } from '../core/use-cases/letters';
import { type SendReport, sendOutbox } from '../core/use-cases/outbox';
import { doOwnerWork, pendingOwnerWork } from '../core/use-cases/owner-work';
import { dailyControl } from '../core/use-cases/reminders';
import { describeDrift, reconcileSharing, type SharingDrift } from '../core/use-cases/sharing';
import { recountStages } from '../core/use-cases/stage-counts';
import { markDirty, type SyncReport, syncTerritories } from '../core/use-cases/sync-territories';
import { ensureTerritoryBooks } from '../core/use-cases/territory-books';
import type { App } from './app';
import { type CabinetSyncReport, cabinetPass, keepCabinetRequestSheets, refreshCabinets, refreshPlan, type Touched, takeCabinetRequests } from './cabinet-sync';
import { errorText } from './errors';

export interface JobReport {
  readonly intake: IntakeReport | null;
  readonly sync: SyncReport;
  readonly integrity: string[];
  readonly mail: SendReport;
  /** The Form's course list was rewritten (someone changed enrolment since the last run). */
  readonly form: boolean;
  /** Groups whose requested documents were made, or failed (the reason is on the group's row). */
  readonly documents: { done: string[]; failed: string[] };
  /** Cabinets: requests carried out or refused, sheets rewritten. */
  readonly cabinets: CabinetSyncReport;
  /** What the sharing check found (null when nobody asked for it since the last run). */
  readonly sharing: SharingDrift[] | null;
  /** Courses whose enrolment closed because they started. */
  readonly enrolmentClosed: string[];
  /** The day's control (the first run of a day): duties on «Контроль», reminders queued; null on other runs. */
  readonly control: { duties: number; letters: number } | null;
}

const PROBLEMS_KEY = 'EBPPK_LAST_INTEGRITY';
/** Making cabinets stops starting new ones after this (the job shares its 6 minutes with everything else). */
const CABINETS_BUDGET_MS = 90 * 1000;

export const runJob = (app: App): JobReport => {
  // Responses the form trigger missed first, so they reach the workbooks in this very run.
  let intake: IntakeReport | null = null;
  try {
    intake = sweepResponses(app);
  } catch (e) {
    journalProblem(app, 'ошибка обработки ответов формы', errorText(e));
  }
  // What the cabinets ask first: their changes (a formed group, documents asked for) reach the rest of this run.
  const pass = cabinetPass(app);
  let requests = { done: 0, failed: 0 };
  let touched: Touched = new Map();
  try {
    const taken = takeCabinetRequests(app, pass);
    requests = { done: taken.done, failed: taken.failed };
    touched = taken.touched;
  } catch (e) {
    journalProblem(app, 'ошибка обработки запросов кабинетов', errorText(e));
  }
  // A course that has started takes no more applications: its enrolment closes by itself (once a day), and the Form's
  // list follows in this very run.
  let due = pendingOwnerWork(app.properties);
  // The first run of a day also does the day's control (below) and refreshes the cabinets' boards (deadlines move).
  const newDay = due.day !== isoDay(app.clock.now());
  let enrolmentClosed: string[] = [];
  try {
    enrolmentClosed = closeStartedEnrolment(app, due);
    if (enrolmentClosed.length) due = pendingOwnerWork(app.properties);
  } catch (e) {
    journalProblem(app, 'ошибка закрытия записи на начавшиеся курсы', errorText(e));
  }
  // The owner's Form follows «Курсы»: staff changes only asked for it (they cannot open the owner's Form).
  let form = false;
  try {
    form = doOwnerWork(app.properties, due, 'form', () => {
      const choices = formChoices([], app.master.table(COURSES).read());
      app.setFormCourses(choices.courses, choices.courseHelp);
    });
  } catch (e) {
    journalProblem(app, 'ошибка обновления списка курсов в форме', errorText(e));
  }
  // A new territory's workbook, likewise the owner's to make.
  try {
    doOwnerWork(app.properties, due, 'books', () => {
      const made = ensureTerritoryBooks({ master: app.master, books: app.books, clock: app.clock, actor: 'банк', budgetMs: CABINETS_BUDGET_MS });
      if (made.created.length) app.lock.withLock(() => markDirty(app.properties, '*'));
    });
  } catch (e) {
    journalProblem(app, 'ошибка создания книг территорий', errorText(e));
  }
  // A new subdivision's cabinet: made by the owner (a file belongs to whoever creates it), then shared below.
  let cabinetsMade: string[] = [];
  try {
    doOwnerWork(app.properties, due, 'cabinets', () => {
      cabinetsMade = ensureCabinets({ master: app.master, cabinets: app.cabinets, clock: app.clock, actor: 'банк', budgetMs: CABINETS_BUDGET_MS }).created;
    });
    if (cabinetsMade.length) pass.forget();
  } catch (e) {
    journalProblem(app, 'ошибка создания кабинетов', errorText(e));
  }
  // Sharing follows «Доступ» when someone changed it: the owner owns the files, so only this job can share them.
  let sharing: SharingDrift[] | null = null;
  try {
    const repair = !!due.masterSharing;
    // New cabinets are shared in this very run; and once a day every file is compared with «Доступ» whoever asked, so a
    // change typed on «Доступ» by hand takes effect even if its edit trigger did not fire.
    if ((cabinetsMade.length || newDay) && !due.sharing && !repair) due.sharing = 1;
    doOwnerWork(app.properties, due, repair ? 'masterSharing' : 'sharing', () => {
      keepCabinetRequestSheets(app, pass);
      sharing = reconcileSharing(app, { repairMaster: repair });
    });
    if (repair) doOwnerWork(app.properties, due, 'sharing', () => undefined); // the same pass did it
  } catch (e) {
    journalProblem(app, 'ошибка проверки доступа', errorText(e));
  }
  // Documents belong to the owner: requested from sidebars, made here, their state written on each group's row.
  let documents: JobReport['documents'] = { done: [], failed: [] };
  try {
    doOwnerWork(app.properties, due, 'documents', () => {
      documents = generateRequestedDocuments(app);
    });
  } catch (e) {
    journalProblem(app, 'ошибка формирования документов', errorText(e));
  }
  // A consent withdrawn from the sector's sidebar: what waits in territory workbooks is the owner's to withdraw.
  try {
    doOwnerWork(app.properties, due, 'consent', () => void finishConsentWithdrawals(app));
  } catch (e) {
    journalProblem(app, 'ошибка отзыва согласия в книгах территорий', errorText(e));
  }
  // «Счётчики» recounted from the ledger once a day (issue 19): a move cut short between the ledger and the counts
  // leaves them a step behind without changing their sum, which only a full count notices. Before the sync, which
  // takes its quotas from them.
  if (newDay) {
    try {
      if (app.lock.withLock(() => recountStages(app.master))) journalProblem(app, 'счётчики заявок пересчитаны', 'счётчики расходились с «Реестром заявок»');
    } catch (e) {
      journalProblem(app, 'ошибка пересчёта счётчиков заявок', errorText(e));
    }
  }
  const sync = syncTerritories(app);
  // Control (issue 17): «Контроль» and the day's reminders, once a day.
  let control: JobReport['control'] = null;
  if (newDay) {
    try {
      control = dailyControl(app);
    } catch (e) {
      journalProblem(app, 'ошибка ежедневного контроля сроков', errorText(e));
    }
  }
  // Cabinets show the bank as it now is — only what changed, so an idle run opens none and a run that carried one
  // request rewrites what that request changed (refreshPlan).
  let refreshed = 0;
  const moved = sync.sent + sync.waitlisted + sync.rejected + sync.returned > 0;
  const plan = refreshPlan(pass, {
    everything: newDay || cabinetsMade.length > 0 || moved || enrolmentClosed.length > 0,
    touched,
    // A course changed (the Form follows), applications arrived, or the sync rebuilt the territories' mirrors: counts.
    courses: form || !!intake?.accepted.length || sync.changed,
    people: sharing !== null,
    documents: documents.done.length + documents.failed.length > 0,
  });
  try {
    if (plan) refreshed = refreshCabinets(app, pass, newDay || cabinetsMade.length > 0, plan === 'all' ? undefined : plan);
  } catch (e) {
    journalProblem(app, 'ошибка обновления кабинетов', errorText(e));
  }
  // The day's check (issue 19: it reads the ledger's three columns of every application and the master's stage sheets,
  // so it no longer follows every sync) covers every workbook; the menu item runs it at any time.
  const integrity = newDay ? checkIntegrity(app.master, app.books).problems : [];
  const signature = integrity.join('\n');
  if (newDay && signature !== (app.properties.get(PROBLEMS_KEY) ?? '')) {
    app.properties.set(PROBLEMS_KEY, signature);
    if (integrity.length) journalProblem(app, 'проверка целостности', integrity.slice(0, 20).join('; '));
  }
  let mail: SendReport = { sent: 0, failed: 0, waiting: 0 };
  try {
    // Under the lock: a second execution («Синхронизировать сейчас» during the job) must not send the same letters.
    mail = app.lock.withLock(() =>
      sendOutbox(app.master.table(OUTBOX), app.mailer, app.clock, (to, letters) => digestLetter(to, letters, letterTemplates(app.master))),
    );
  } catch (e) {
    // Mail never blocks the bank: the letters stay «ждёт» for the next run.
    console.error(`outbox: ${errorText(e)}`);
  }
  return { intake, sync, integrity, mail, form, sharing, documents, cabinets: { requests, refreshed }, enrolmentClosed, control };
};

export const journalProblem = (app: App, action: string, text: string): void => {
  try {
    journal(app.master, { at: app.clock.now(), actor: 'банк', action, reason: text });
  } catch (e) {
    console.error(`journal: ${errorText(e)}`);
  }
};

export const describeJob = (r: JobReport): string => {
  const s = r.sync;
  const i = r.intake;
  if (s.skipped && !r.mail.sent && !i && !r.form && !r.sharing && !r.documents.done.length && !r.documents.failed.length && !r.enrolmentClosed.length)
    return 'Изменений в книгах территорий нет.';
  const parts = [
    i?.accepted.length ? `Принято заявок из формы: ${i.accepted.length}.` : '',
    r.enrolmentClosed.length ? `Запись закрыта — курсы начались: ${r.enrolmentClosed.join(', ')}.` : '',
    r.form ? 'Список курсов в форме обновлён.' : '',
    r.cabinets.requests.done || r.cabinets.requests.failed
      ? `Запросы кабинетов: выполнено ${r.cabinets.requests.done}, с ошибкой ${r.cabinets.requests.failed}.`
      : '',
    r.cabinets.refreshed ? `Обновлено листов кабинетов: ${r.cabinets.refreshed}.` : '',
    r.sharing ? (r.sharing.length ? `Доступ к файлам: ${r.sharing.map(describeDrift).join('; ')}.` : 'Доступ к файлам соответствует «Доступу».') : '',
    i?.quarantined.length ? `На проверку: ${i.quarantined.length}.` : '',
    i?.duplicates.length ? `Повторных заявок: ${i.duplicates.length}.` : '',
    s.books ? `Просмотрено книг: ${s.books}.` : '',
    s.sent ? `Направлено поставщику: ${s.sent}.` : '',
    s.rejected ? `Отклонено: ${s.rejected}.` : '',
    s.waitlisted ? `В лист ожидания: ${s.waitlisted}.` : '',
    s.returned ? `Возвращено из листа ожидания: ${s.returned}.` : '',
    s.notes ? `Отметок банка: ${s.notes}.` : '',
    s.mirrors ? `Обновлено листов «Квоты»/«История»: ${s.mirrors}.` : '',
    r.mail.sent ? `Отправлено писем: ${r.mail.sent}.` : '',
    r.documents.done.length ? `Документы групп: ${r.documents.done.join(', ')}.` : '',
    r.documents.failed.length ? `Документы не сформированы: ${r.documents.failed.join(', ')} (причина — в «Реестре групп»).` : '',
    r.integrity.length ? `Проблем целостности: ${r.integrity.length} (см. «Журнал»).` : '',
    s.refused.length ? `Не выполнено: ${s.refused.slice(0, 5).join('; ')}.` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'Изменений нет.';
};
