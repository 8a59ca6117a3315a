// First-day attendance and the Group: those present move to «Группы» under a group number, the absent to «Архив»
// as «не явился»; late arrivals join a formed group; a teacher's withdrawal until then. Each is a journaled move.
import { ddmmyyyy } from '../dates';
import { groupNumber } from '../domain/course';
import { courseDateRule, daysBetween, groupRoom, STAGE_LABELS, type Stage, UNDO_DAYS } from '../domain/lifecycle';
import { fio } from '../domain/person';
import { type Clock, type Lock, type Properties, prefetch, type Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import {
  ARCHIVE,
  COURSES,
  GROUP_REGISTRY,
  GROUP_STATUS,
  GROUPS,
  JOURNAL,
  LEDGER,
  LETTER_TEMPLATES,
  PROVIDER_BANK,
  SETTINGS,
  STAGE_COUNTS,
  TERRITORIES,
} from '../sheets/master';
import type { Row } from '../sheets/spec';
import { inScope } from './courses';
import type { CurrentUser } from './current-user';
import { journal } from './journal';
import { LedgerView } from './ledger-view';
import { type Move, moveApplications } from './move-applications';
import { byTerritory, markDirty } from './sync-territories';

export interface GroupDeps {
  readonly master: Workbook;
  readonly clock: Clock;
  readonly lock: Lock;
  readonly properties: Properties;
}

export interface AttendanceRow {
  readonly id: string;
  readonly name: string;
  readonly organization: string;
  readonly territory: string;
  readonly present: boolean;
}

/** The course's applications in «Копилка поставщика» as a checklist. */
export interface GroupSummary {
  readonly group: string;
  readonly status: string;
  readonly size: number;
}

/** A «не явился», «отозвана» or «отчислен» of the course that the caller may still undo. */
export interface RecentMark {
  readonly id: string;
  readonly name: string;
  readonly stage: string;
  readonly markedAt: string;
}

/** The undo window in days (`undoDays` on «Настройки», else 14). */
const undoWindow = (master: Workbook): number => {
  const v = Number(
    master
      .table(SETTINGS)
      .read()
      .find((r) => r.key === 'undoDays')?.value,
  );
  return v > 0 ? v : UNDO_DAYS;
};

export const attendance = (
  master: Workbook,
  user: CurrentUser,
  code: string,
  now: Date,
): Result<{ rows: AttendanceRow[]; groups: GroupSummary[]; marks: RecentMark[]; undoDays: number; capacity: number }, string> => {
  const course = master
    .table(COURSES)
    .read()
    .find((c) => c.code === code);
  if (!inScope(user, course)) return err('Курс не найден в вашем подразделении.');
  const names = new Map(
    master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  // The course's rows only (a search, then those rows): not the whole piggy bank nor the whole ledger (issue 19).
  const rows = master
    .table(PROVIDER_BANK)
    .find('course', [code])
    .map((f) => f.row)
    .map((r) => ({
      id: String(r.id),
      name: fio(r),
      organization: String(r.organization),
      territory: names.get(String(r.territory)) ?? String(r.territory),
      present: r.present === true,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const groups = master
    .table(GROUP_REGISTRY)
    .read()
    // Archived groups too (issue 18): their documents can be made again from the sidebar.
    .filter((g) => g.course === code)
    .map((g) => ({ group: String(g.group), status: String(g.status), size: Number(g.size) }))
    .sort((a, b) => a.group.localeCompare(b.group));
  // What can still be undone: the leader's window, or anything for the sector. The course's applications in the ledger.
  const window = undoWindow(master);
  const marks = master
    .table(LEDGER)
    .find('course', [code], { stage: ['absent', 'withdrawn', 'expelled'] })
    .map((f) => f.row)
    .filter((r) => r.course === code && (r.stage === 'absent' || r.stage === 'withdrawn' || r.stage === 'expelled'))
    .filter((r) => user.role === 'sector' || (r.updatedAt instanceof Date && daysBetween(r.updatedAt, now) <= window))
    .map((r) => ({
      id: String(r.id),
      name: fio(r),
      stage: STAGE_LABELS[r.stage as Stage],
      markedAt: r.updatedAt instanceof Date ? ddmmyyyy(r.updatedAt) : '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  return ok({ rows, groups, marks, undoDays: window, capacity: Number((course as Row).capacity) || 0 });
};

export interface GroupReport {
  readonly group: string;
  readonly enrolled: number;
  readonly absent: number;
  readonly refused: string[];
}

/** The next group number of the course this year: `<шифр>-<год>-<nn>`, nn after every number the ledger knows. */
export const nextGroupNumber = (ledger: Iterable<Row>, course: string, year: number): string => {
  const prefix = `${course}-${year}-`;
  let max = 0;
  for (const r of ledger) {
    const g = String(r.group ?? '');
    if (g.startsWith(prefix)) max = Math.max(max, Number(g.slice(prefix.length)) || 0);
  }
  return groupNumber(course, year, max + 1);
};

/** The stages forming a group reads from the ledger: waiting, and what a formation makes of them. */
const FORMING_STAGES = ['provider', 'group', 'absent'];

const moveFromProvider = (deps: GroupDeps, user: CurrentUser, view: LedgerView, moves: Move[]) =>
  moveApplications(
    {
      ledgerRows: view.rows,
      records: view.full(moves.map((m) => m.id)),
      ledger: view.table,
      journal: deps.master.table(JOURNAL),
      book: deps.master,
      source: deps.master.table(PROVIDER_BANK),
      sourceSheet: 'provider',
      destinations: { group: deps.master.table(GROUPS), archive: deps.master.table(ARCHIVE) },
      // «Курсы» was read by the caller in this execution (served again from its memo in Apps Script).
      letters: {
        master: deps.master,
        undoDays: undoWindow(deps.master),
        courses: new Map(
          deps.master
            .table(COURSES)
            .read()
            .map((c) => [String(c.code), c]),
        ),
      },
      clock: deps.clock,
      actor: user.email,
      role: user.role === 'sector' ? 'sector' : 'leader',
    },
    moves,
  );

/**
 * «Сформировать группу»: every application of the course in «Копилка поставщика» is either present (→ «Группы»)
 * or absent (→ «Архив», не явился). Idempotent: a re-run after a crash completes the moves under the same number.
 */
export const formGroup = (
  deps: GroupDeps,
  user: CurrentUser,
  code: string,
  presentIds: readonly string[],
  /** The sector's reason for forming before the first day (recorded in «Журнал»); others cannot override. */
  override = '',
): Result<GroupReport, string> =>
  deps.lock.withLock(() => {
    // The small sheets forming reads whole, in one request (issue 19).
    prefetch(deps.master, [COURSES, GROUP_REGISTRY, SETTINGS, LETTER_TEMPLATES, STAGE_COUNTS]);
    const course = deps.master
      .table(COURSES)
      .read()
      .find((c) => c.code === code);
    if (!inScope(user, course)) return err('Курс не найден в вашем подразделении.');
    // The course's applications that matter here only — waiting, or put in a group or «не явился» (a crash may have
    // left them half-moved) — not its archived history: a search on the course and one on the stage, then those rows.
    const view = LedgerView.find(deps.master.table(LEDGER), 'course', [code], { stage: FORMING_STAGES });
    const ledgerRows = view.rows;
    const resumed = resumeFormation(deps, user, view, code);
    if (resumed) return ok(resumed);
    const early = courseDateRule('form', course as Row, deps.clock.now());
    if (!early.ok) {
      if (user.role !== 'sector') return early;
      if (!override.trim()) return err(`${early.error} Сектор может сформировать раньше, указав причину.`);
      journal(deps.master, { at: deps.clock.now(), actor: user.email, action: 'формирование до начала курса', reason: `${code}: ${override.trim()}` });
    }
    const waiting = [...ledgerRows.values()].filter((r) => r.course === code && r.stage === 'provider').map((r) => String(r.id));
    const present = new Set(presentIds);
    const foreign = presentIds.filter((id) => ledgerRows.get(id)?.course !== code);
    if (foreign.length) return err(`Заявки ${foreign.slice(0, 5).join(', ')} не ждут зачисления на курс ${code}.`);
    if (!waiting.some((id) => present.has(id))) return err('Отметьте хотя бы одного присутствующего: группа без слушателей не формируется.');
    const capacity = Number((course as Row).capacity);
    if (present.size > capacity) return err(`Присутствующих (${present.size}) больше вместимости курса (${capacity}).`);
    // After every number the course has had: «Реестр групп» lists them all (archived ones too), the ledger rows a
    // number a crash kept from the registry.
    const group = nextGroupNumber(
      [
        ...ledgerRows.values(),
        ...deps.master
          .table(GROUP_REGISTRY)
          .read()
          .filter((g) => g.course === code),
      ],
      code,
      deps.clock.now().getFullYear(),
    );
    const moves: Move[] = waiting.map((id) => (present.has(id) ? { id, action: 'enrol', extra: { group } } : { id, action: 'absent' }));
    const r = moveFromProvider(deps, user, view, moves);
    registerGroup(deps, code, group, ledgerRows);
    markDirty(deps.properties, byTerritory(waiting, ledgerRows));
    return ok({
      group,
      enrolled: moves.filter((m) => m.action === 'enrol' && r.done.includes(m.id)).length,
      absent: moves.filter((m) => m.action === 'absent' && r.done.includes(m.id)).length,
      refused: r.refused.map((x) => x.message),
    });
  });

/** «Реестр групп» gets the group (or its new size): the number of its learners the ledger knows. */
const registerGroup = (deps: GroupDeps, code: string, group: string, ledgerRows: ReadonlyMap<string, Row>): void => {
  const size = [...ledgerRows.values()].filter((r) => r.group === group && r.stage === 'group').length;
  const registry = deps.master.table(GROUP_REGISTRY);
  if (registry.updateByIds(new Map([[group, { size }]])).length) {
    registry.append([{ group, course: code, formedAt: deps.clock.now(), size, status: GROUP_STATUS.formed, completedAt: '', archivedAt: '' }]);
  }
};

/**
 * A formation a crash interrupted after the ledger changed: applications of the course the ledger already puts in a
 * group (or «не явился») but still on «Копилка поставщика», or a group missing from «Реестр групп». Finishes it — the
 * same moves, the same number — and reports it; null when there is nothing to finish.
 */
const resumeFormation = (deps: GroupDeps, user: CurrentUser, view: LedgerView, code: string): GroupReport | null => {
  const ledgerRows = view.rows;
  // The course's rows still on «Копилка поставщика» (a search and those rows: what waits, not the course's history).
  const onSheet = new Set(
    deps.master
      .table(PROVIDER_BANK)
      .find('course', [code])
      .map((f) => String(f.row.id)),
  );
  const half = [...ledgerRows.values()].filter((r) => r.course === code && onSheet.has(String(r.id)) && (r.stage === 'group' || r.stage === 'absent'));
  const registered = new Set(deps.master.table(GROUP_REGISTRY).ids());
  const unregistered = [
    ...new Set([...ledgerRows.values()].filter((r) => r.course === code && r.stage === 'group' && r.group).map((r) => String(r.group))),
  ].filter((g) => !registered.has(g));
  if (!half.length && !unregistered.length) return null;
  const moves: Move[] = half.map((r) =>
    r.stage === 'group' ? { id: String(r.id), action: 'enrol', extra: { group: r.group } } : { id: String(r.id), action: 'absent' },
  );
  if (moves.length) moveFromProvider(deps, user, view, moves);
  const groups = [...new Set([...unregistered, ...half.filter((r) => r.stage === 'group').map((r) => String(r.group))])];
  for (const g of groups) registerGroup(deps, code, g, ledgerRows);
  return {
    group: groups[0] ?? '',
    enrolled: [...ledgerRows.values()].filter((r) => r.group === groups[0] && r.stage === 'group').length,
    absent: half.filter((r) => r.stage === 'absent').length,
    refused: [],
  };
};

/** Late arrivals: applications of the course still in «Копилка поставщика» join an existing group. */
export const addToGroup = (deps: GroupDeps, user: CurrentUser, code: string, group: string, ids: readonly string[]): Result<GroupReport, string> =>
  deps.lock.withLock(() => {
    const course = deps.master
      .table(COURSES)
      .read()
      .find((c) => c.code === code);
    if (!inScope(user, course)) return err('Курс не найден в вашем подразделении.');
    const ledger = deps.master.table(LEDGER);
    const registry = deps.master.table(GROUP_REGISTRY);
    const entry = registry.read().find((g) => g.group === group);
    // The group is the course's if the registry says so (or, after a crash before it was registered, its ledger rows).
    const exists = entry ? entry.course === code : ledger.find('group', [group], { course: [code] }).length > 0;
    if (!exists) return err(`Группы ${group} у курса ${code} нет.`);
    const view = LedgerView.find(ledger, 'id', ids);
    const ledgerRows = view.rows;
    const bad = ids.filter((id) => ledgerRows.get(id)?.course !== code || ledgerRows.get(id)?.stage !== 'provider');
    if (bad.length) return err(`Заявки ${bad.slice(0, 5).join(', ')} не ждут зачисления на курс ${code}.`);
    if (entry && entry.status !== GROUP_STATUS.formed) return err(`Группа ${group} уже завершила обучение.`);
    const room = groupRoom(group, Number((course as Row).capacity) || 0, Number(entry?.size) || 0, ids.length);
    if (!room.ok) return room;
    const r = moveFromProvider(
      deps,
      user,
      view,
      ids.map((id) => ({ id, action: 'enrol', extra: { group } })),
    );
    if (entry) registry.updateByIds(new Map([[group, { size: Number(entry.size) + r.done.length }]]));
    markDirty(deps.properties, byTerritory(ids, ledgerRows));
    return ok({ group, enrolled: r.done.length, absent: 0, refused: r.refused.map((x) => x.message) });
  });

const NOT_IN_SCOPE = 'Заявка не найдена среди курсов вашего подразделения.';

/** The application's ledger row if its course is in the caller's scope (a leader's subdivision; the sector: any). */
const applicationInScope = (deps: GroupDeps, user: CurrentUser, view: LedgerView, id: string): Row | null => {
  const app = view.rows.get(id);
  const course =
    app &&
    deps.master
      .table(COURSES)
      .read()
      .find((c) => c.code === app.course);
  return app && inScope(user, course) ? app : null;
};

/** A teacher's withdrawal, recorded by the course's leader while the application waits in «Копилка поставщика». */
export const withdrawApplication = (deps: GroupDeps, user: CurrentUser, id: string, reason: string): Result<{ id: string; course: string }, string> =>
  deps.lock.withLock(() => {
    const view = LedgerView.find(deps.master.table(LEDGER), 'id', [id]);
    const app = applicationInScope(deps, user, view, id);
    if (!app) return err(NOT_IN_SCOPE);
    if (app.stage !== 'provider') {
      return err(
        'Отозвать здесь можно только заявку из «Копилки поставщика». Пока заявка у методиста, её отклоняет методист территории с причиной «отозвана слушателем».',
      );
    }
    const r = moveFromProvider(deps, user, view, [{ id, action: 'withdraw', reason: reason || 'по заявлению слушателя' }]);
    if (r.refused.length) return err(r.refused[0].message);
    markDirty(deps.properties, new Map([[String(app.territory), [id]]]));
    return ok({ id, course: String(app.course) });
  });

/**
 * Undo of a wrong mark (issue 16): «не явился» or «отозвана» goes back to «Копилка поставщика» (then the leader adds the
 * person to the group as a late arrival), «отчислен» back to «Группы» of its group — with a reason, journaled by the
 * move. A leader may do it within the undo window (`undoDays` on «Настройки», 14 by default: the day of marking is day 0);
 * after that only the sector.
 */
export const undoMark = (deps: GroupDeps, user: CurrentUser, id: string, reason: string): Result<{ id: string; course: string; stage: string }, string> =>
  deps.lock.withLock(() => {
    const view = LedgerView.find(deps.master.table(LEDGER), 'id', [id]);
    const app = applicationInScope(deps, user, view, id);
    if (!app) return err(NOT_IN_SCOPE);
    const stage = String(app.stage) as Stage;
    if (stage !== 'absent' && stage !== 'withdrawn' && stage !== 'expelled')
      return err(`Вернуть можно заявку «не явился», «отозвана» или «отчислен»; эта — «${STAGE_LABELS[stage] ?? stage}».`);
    if (!reason.trim()) return err('Укажите причину: почему отметка была ошибочной.');
    const window = undoWindow(deps.master);
    const marked = app.updatedAt instanceof Date ? app.updatedAt : null;
    const now = deps.clock.now();
    if (user.role !== 'sector' && marked && daysBetween(marked, now) > window)
      return err(`Отметка сделана больше ${window} дней назад: вернуть заявку может только сектор ИРО ПК.`);
    // «Отчислен» is final only when the group is archived (before that, completing again changes an outcome): the person
    // goes back to «Группы» and the group to «обучение завершено», so the leader completes them (a certificate number)
    // and archives again.
    const registry = deps.master.table(GROUP_REGISTRY);
    const entry = stage === 'expelled' ? registry.read().find((g) => g.group === app.group) : undefined;
    if (stage === 'expelled' && !entry) return err(`Группы ${app.group || '—'} нет в «Реестре групп».`);
    const r = moveApplications(
      {
        ledgerRows: view.rows,
        records: view.full([id]),
        ledger: view.table,
        journal: deps.master.table(JOURNAL),
        book: deps.master,
        source: deps.master.table(ARCHIVE),
        sourceSheet: 'archive',
        destinations: { provider: deps.master.table(PROVIDER_BANK), group: deps.master.table(GROUPS) },
        clock: deps.clock,
        actor: user.email,
        role: user.role === 'sector' ? 'sector' : 'leader',
      },
      [
        stage === 'expelled'
          ? { id, action: 'unexpel', reason: reason.trim(), extra: { group: app.group, outcome: '', outcomeReason: '' } }
          : { id, action: 'reinstate', reason: reason.trim(), extra: { group: '' } },
      ],
    );
    if (r.refused.length) return err(r.refused[0].message);
    if (entry && entry.status === GROUP_STATUS.archived) registry.updateByIds(new Map([[String(app.group), { status: GROUP_STATUS.completed }]]));
    markDirty(deps.properties, new Map([[String(app.territory), [id]]]));
    return ok({ id, course: String(app.course), stage: String(view.rows.get(id)?.stage) });
  });
