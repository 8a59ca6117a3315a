// The staff sidebars' RPC functions: course leaders («Руководитель курсов»), heads and the sector.

import { ApplicationId } from '../core/domain/application';
import { ok, type Result } from '../core/result';
import {
  GrantInput,
  grantAccess as grant,
  listAccess,
  revokeAccess as revoke,
  SubdivisionInput,
  saveSubdivision as saveSub,
  saveTerritory as saveTerr,
  TerritoryInput,
} from '../core/use-cases/access';
import {
  archiveGroup as archive,
  CorrectionInput,
  completeGroup as complete,
  correctLearner as correct,
  groupCompletion,
  OutcomesInput,
} from '../core/use-cases/completion';
import { withdrawConsent as withdrawConsentOf } from '../core/use-cases/consent';
import { controlBoard } from '../core/use-cases/control';
import { CourseInput, courseForEdit, courseOverview, EnrolmentInput, saveCourse as save, setEnrolment as setEnrol } from '../core/use-cases/courses';
import type { CurrentUser } from '../core/use-cases/current-user';
import { requestDocuments } from '../core/use-cases/documents';
import { FrdoInput, exportFrdo as frdo, exportFrdoFile as frdoFile } from '../core/use-cases/frdo-export';
import { addToGroup, attendance, formGroup as form, undoMark as undo, withdrawApplication as withdraw } from '../core/use-cases/groups';
import { NEXT_RUN, requestOwnerWork } from '../core/use-cases/owner-work';
import { rolloverArchive as rollover } from '../core/use-cases/rollover';
import { computeStatistics, refreshStatistics as refreshStats, StatsInput } from '../core/use-cases/statistics';
import { markDirty } from '../core/use-cases/sync-territories';
import * as z from '../core/zod';
import type { App } from './app';
import { NoArgs, referenceLists, rpc } from './rpc';

const Code = z.string().check(z.trim(), z.minLength(1, 'шифр курса'), z.maxLength(40));
const AppId = ApplicationId;
const GroupNo = z.string().check(z.minLength(1), z.maxLength(60));
const STAFF = ['leader', 'head', 'sector'] as const;
const EDITORS = ['leader', 'sector'] as const;

/** The Form belongs to the owner: the owner's job rewrites its course list (see owner-work.ts). */
const refreshCourseChoices = (app: App) => requestOwnerWork(app.properties, 'form');

/** The leader's course list; mutations return it refreshed, so the sidebar needs no second execution to show it. */
const leaderOverview = (app: App, user: CurrentUser) => ({
  courses: courseOverview(app.master, user),
  scope: user.scope,
  role: user.role,
  ...referenceLists(app),
});

/** A course's attendance view after a change to it (read in the same execution, from this execution's cache). */
const attendanceAfter = (app: App, user: CurrentUser, code: string) => {
  const a = attendance(app.master, user, code, app.clock.now());
  return a.ok ? a.value : null;
};

/** A group's completion view after a change to it. */
const completionAfter = (app: App, user: CurrentUser, group: string) => {
  const c = groupCompletion(app.master, user, group);
  return c.ok ? c.value : null;
};

/** Adds the refreshed view to a successful result. */
const withView = <T extends object, E, V>(r: Result<T, E>, view: () => V): Result<T & { view: V }, E> => (r.ok ? ok({ ...r.value, view: view() }) : r);

export const getLeaderOverview = rpc({
  roles: STAFF,
  args: NoArgs,
  handler: ({ app, user }) => leaderOverview(app, user),
});

export const getCourse = rpc({ roles: STAFF, args: z.strictObject({ code: Code }), handler: ({ app, user }, a) => courseForEdit(app.master, user, a.code) });

export const saveCourse = rpc({
  roles: EDITORS,
  args: CourseInput,
  handler: ({ app, user }, input) => {
    // Territories are marked under the lock, where the sync compares and clears the mark.
    const r = app.lock.withLock(() => {
      const saved = save(app, user, input);
      if (saved.ok) markDirty(app.properties, '*');
      return saved;
    });
    if (r.ok) {
      refreshCourseChoices(app);
      app.notify(r.value.created ? `Курс ${r.value.code} создан` : `Курс ${r.value.code} сохранён`);
    }
    return withView(r, () => leaderOverview(app, user));
  },
});

export const setEnrolment = rpc({
  roles: EDITORS,
  args: EnrolmentInput,
  handler: ({ app, user }, a) => {
    const r = app.lock.withLock(() => {
      const set = setEnrol(app, user, a.code, a.state);
      if (set.ok && set.value.changed) markDirty(app.properties, '*');
      return set;
    });
    if (r.ok && r.value.changed) {
      refreshCourseChoices(app);
      app.notify(`Курс ${a.code}: запись — ${a.state}. Список курсов в форме обновится ${NEXT_RUN}.`);
    }
    return withView(r, () => leaderOverview(app, user));
  },
});

export const getAttendance = rpc({
  roles: EDITORS,
  args: z.strictObject({ code: Code }),
  handler: ({ app, user }, a) => attendance(app.master, user, a.code, app.clock.now()),
});

export const formGroup = rpc({
  roles: EDITORS,
  args: z.strictObject({
    code: Code,
    present: z.array(AppId).check(z.maxLength(1000)),
    // Before the course's first day only the sector forms a group, and says why.
    override: z._default(z.string().check(z.maxLength(500)), ''),
  }),
  handler: ({ app, user }, a) => {
    const r = form(app, user, a.code, a.present, a.override);
    if (r.ok) app.notify(`Группа ${r.value.group}: зачислено ${r.value.enrolled}, не явились ${r.value.absent}`);
    return withView(r, () => attendanceAfter(app, user, a.code));
  },
});

export const addLateArrivals = rpc({
  roles: EDITORS,
  args: z.strictObject({ code: Code, group: GroupNo, ids: z.array(AppId).check(z.minLength(1), z.maxLength(200)) }),
  handler: ({ app, user }, a) => withView(addToGroup(app, user, a.code, a.group, a.ids), () => attendanceAfter(app, user, a.code)),
});

export const withdrawApplication = rpc({
  roles: EDITORS,
  args: z.strictObject({ id: AppId, reason: z._default(z.string().check(z.maxLength(500)), '') }),
  handler: ({ app, user }, a) => {
    const r = withdraw(app, user, a.id, a.reason.trim());
    return withView(r, () => (r.ok ? attendanceAfter(app, user, r.value.course) : null));
  },
});

/** Undo of a wrong «не явился», «отозвана» or «отчислен» (with a reason; a leader within the undo window). */
export const undoMark = rpc({
  roles: EDITORS,
  args: z.strictObject({ id: AppId, reason: z.string().check(z.minLength(1), z.maxLength(500)) }),
  handler: ({ app, user }, a) => {
    const r = undo(app, user, a.id, a.reason);
    if (r.ok) app.notify(`Заявка ${a.id} возвращена: ${r.value.stage === 'group' ? 'в группу' : 'в «Копилку поставщика»'}`);
    return withView(r, () => (r.ok ? attendanceAfter(app, user, r.value.course) : null));
  },
});

const accessView = (app: App, user: CurrentUser) => ({ entries: listAccess(app.master, user), scope: user.scope, role: user.role, ...referenceLists(app) });

export const getAccessList = rpc({
  roles: ['head', 'sector'],
  args: NoArgs,
  handler: ({ app, user }) => accessView(app, user),
});

export const grantAccess = rpc({
  roles: ['head', 'sector'],
  args: GrantInput,
  handler: ({ app, user }, a) => {
    const r = app.lock.withLock(() => grant(app, user, a));
    if (r.ok) app.notify(`Доступ для ${r.value.email} сохранён. Файлы банка откроются ему ${NEXT_RUN}.`);
    return withView(r, () => accessView(app, user));
  },
});

export const revokeAccess = rpc({
  roles: ['head', 'sector'],
  args: z.strictObject({ email: z.string().check(z.minLength(3), z.maxLength(200)) }),
  handler: ({ app, user }, a) => {
    const r = app.lock.withLock(() => revoke(app, user, a.email));
    if (r.ok) app.notify(`Доступ ${r.value.email} отозван. Файлы банка закроются для него ${NEXT_RUN}.`);
    return withView(r, () => accessView(app, user));
  },
});

export const saveSubdivision = rpc({
  roles: ['sector'],
  args: SubdivisionInput,
  handler: ({ app, user }, a) => app.lock.withLock(() => saveSub(app, user, a)),
});

export const saveTerritory = rpc({
  roles: ['sector'],
  args: TerritoryInput,
  handler: ({ app, user }, a) => app.lock.withLock(() => saveTerr(app, user, a)),
});

export const getGroupCompletion = rpc({
  roles: EDITORS,
  args: z.strictObject({ group: GroupNo }),
  handler: ({ app, user }, a) => groupCompletion(app.master, user, a.group),
});

export const correctLearner = rpc({
  roles: EDITORS,
  args: CorrectionInput,
  handler: ({ app, user }, a) => correct(app, user, a),
});

export const completeGroup = rpc({
  roles: EDITORS,
  args: OutcomesInput,
  handler: ({ app, user }, a) => {
    const r = complete(app, user, a);
    if (r.ok) app.notify(`Группа ${a.group}: обучение завершено, удостоверений ${r.value.completed}`);
    return withView(r, () => completionAfter(app, user, a.group));
  },
});

export const archiveGroup = rpc({
  roles: EDITORS,
  args: z.strictObject({ group: GroupNo }),
  handler: ({ app, user }, a) => {
    const r = archive(app, user, a.group);
    if (r.ok) app.notify(`Группа ${a.group} перенесена в архив`);
    // The leader goes back to the course's attendance page, where the archived group is listed no more.
    return withView(r, () => {
      const c = completionAfter(app, user, a.group);
      return c ? attendanceAfter(app, user, c.course) : null;
    });
  },
});

export const exportFrdo = rpc({
  roles: ['leader', 'sector'],
  args: FrdoInput,
  handler: ({ app, user }, a) => {
    const r = app.lock.withLock(() => frdo(app.master, user, a, app.clock.now()));
    if (r.ok) app.notify(`Выгрузка ФИС ФРДО: лист «${r.value.sheet}», строк ${r.value.exported}`);
    return r;
  },
});

/**
 * The same export as a file in the subdivision's documents folder, readable by its head and leaders: what the cabinet
 * asks for (the owner's job makes the file, which belongs to the owner).
 */
export const exportFrdoFile = rpc({
  roles: STAFF,
  args: FrdoInput,
  handler: ({ app, user }, a) => {
    const r = app.lock.withLock(() => frdoFile(app, user, a));
    if (r.ok) app.notify(`Выгрузка ФИС ФРДО: файл «${r.value.sheet}», строк ${r.value.exported}`);
    return r;
  },
});

export const generateDocuments = rpc({
  roles: EDITORS,
  args: z.strictObject({ group: GroupNo }),
  handler: ({ app, user }, a) => {
    const r = app.lock.withLock(() => requestDocuments(app, user, a.group));
    if (r.ok) app.notify(`Документы группы ${a.group}: ${r.value.state}`);
    return r;
  },
});

export const rolloverArchive = rpc({
  roles: ['sector'],
  args: z.strictObject({ beforeYear: z.number().check(z.refine(Number.isInteger, 'год — целое число'), z.gte(2000), z.lte(2100)) }),
  handler: ({ app, user }, a) => {
    const r = rollover(app, user, a.beforeYear);
    if (r.ok) app.notify(`Годовой перенос архива: ${r.value.years.map((y) => `${y.year} — ${y.moved}`).join(', ') || 'нечего переносить'}`);
    return r;
  },
});

/** Control (issue 17): the sector's board over the bank, a head's over their subdivision — computed, nothing written. */
export const getControlBoard = rpc({
  roles: ['sector', 'head'],
  args: NoArgs,
  handler: ({ app, user }) => controlBoard(app.master, user.role === 'sector' ? null : user.scope, app.clock.now()),
});

/** A person's withdrawal of consent (152-ФЗ) recorded by the sector on their written request; the teacher's own is on the status page. */
export const withdrawConsent = rpc({
  roles: ['sector'],
  args: z.strictObject({ id: AppId }),
  handler: ({ app, user }, a) => {
    // Runs as the clicker: applications still at a methodist's are withdrawn by the owner's job (it opens the workbooks).
    const r = withdrawConsentOf(app, { email: user.email, role: 'sector' }, a.id, { ownerExecution: false });
    if (r.ok)
      app.notify(
        `Согласие по заявке ${a.id} отозвано: отозвано заявок ${r.value.withdrawn.length}, в группе ${r.value.kept.length}${r.value.deferred.length ? `; у методистов ${r.value.deferred.length} — ${NEXT_RUN}` : ''}`,
      );
    return r;
  },
});

export const refreshStatistics = rpc({
  roles: ['sector'],
  args: StatsInput,
  handler: ({ app, user }, a) => {
    const r = refreshStats({ ...app, publisher: app.statsPublisher }, user, a);
    if (r.ok) app.notify(`Статистика за ${r.value.period} обновлена`);
    return r;
  },
});

/** The same figures for a leader's (or head's) own subdivision, shown in the sidebar; nothing is written. */
export const getStatistics = rpc({
  roles: STAFF,
  args: StatsInput,
  handler: ({ app, user }, a) => {
    const r = computeStatistics(app.master, app.books, user, a);
    return r.ok ? { ok: true as const, value: r.value.figures } : r;
  },
});
