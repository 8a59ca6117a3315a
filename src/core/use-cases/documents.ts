// A group's documents from the provider's editable templates: one rendering path for Apps Script and the local bank.

import { ddmmyyyy } from '../dates';
import { DOCUMENT_KINDS } from '../documents/default-templates';
import { render, type TemplateData } from '../documents/render';
import { fio } from '../domain/person';
import type { Clock, DocumentStore, Lock, Properties, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ACCESS, ARCHIVE, COURSES, GROUP_REGISTRY, GROUP_STATUS, GROUPS, SETTINGS, TEMPLATES, TERRITORIES } from '../sheets/master';
import type { Cell } from '../sheets/spec';
import { inScope } from './courses';
import type { CurrentUser } from './current-user';
import { journal } from './journal';
import { NEXT_RUN, requestOwnerWork } from './owner-work';

export interface DocumentsDeps {
  readonly master: Workbook;
  readonly documents: DocumentStore;
  readonly clock: Clock;
  readonly lock: Lock;
}

export const PROVIDER_NAME = 'ГБУ ДПО «Институт развития образования Пермского края»';
export const PROVIDER_CITY = 'Пермь';

const d = (v: Cell | undefined): string => (v instanceof Date ? ddmmyyyy(v) : '');

const days = (start: Cell, end: Cell): TemplateData[] => {
  if (!(start instanceof Date) || !(end instanceof Date)) return [];
  const out: TemplateData[] = [];
  for (
    let t = new Date(start.getFullYear(), start.getMonth(), start.getDate());
    t <= end && out.length < 400;
    t = new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1)
  )
    out.push({ day: ddmmyyyy(t).slice(0, 5) });
  return out;
};

export interface GeneratedDocument {
  readonly title: string;
  readonly link: string;
}

/**
 * Renders every document the group's state allows (the enrolment order, list and attendance journal after
 * formation; the assessment sheet, completion order, certificates and the year's register after completion),
 * saves each (replacing the previous one), and writes the links on the group's row in «Реестр групп».
 */
export const generateDocuments = (deps: DocumentsDeps, user: CurrentUser, group: string): Result<{ documents: GeneratedDocument[] }, string> => {
  // Three steps, so the slow Drive work (a PDF conversion per document) never holds the script lock the form trigger
  // waits for: read and render under the lock, save the files without it, write the links under it again.
  const planned = deps.lock.withLock(() => planDocuments(deps, user, group));
  if (!planned.ok) return planned;
  const documents: GeneratedDocument[] = planned.value.map((x) => ({ title: x.title, link: deps.documents.save(x.folders, x.name, x.html, x.readers) }));
  deps.lock.withLock(() => {
    deps.master.table(GROUP_REGISTRY).updateByIds(new Map([[group, { documents: documents.map((x) => `${x.title}: ${x.link}`).join('\n') }]]));
    journal(deps.master, { at: deps.clock.now(), actor: user.email, action: 'документы группы', reason: `${group}: ${documents.length}` });
  });
  return ok({ documents });
};

const leaderName = (master: Workbook, email: string): string => {
  const e = email.trim().toLowerCase();
  const a = e
    ? master
        .table(ACCESS)
        .read()
        .find((x) => String(x.email).trim().toLowerCase() === e)
    : undefined;
  return String(a?.name || e);
};

/** The subdivision's active head and leaders: who reads its documents in Drive. */
export const subdivisionReaders = (master: Workbook, subdivision: string): string[] =>
  master
    .table(ACCESS)
    .read()
    .filter((a) => a.active === true && (a.role === 'leader' || a.role === 'head') && a.scope === subdivision)
    .map((a) => String(a.email));

/** Where a subdivision's documents of a year are: «ЕБППК / <год> / <подразделение>» (its groups' folders inside). */
export const subdivisionFolder = (year: number, subdivision: string): string[] => ['ЕБППК', String(year), subdivision || 'без подразделения'];

interface PlannedDocument {
  readonly title: string;
  readonly name: string;
  readonly folders: string[];
  readonly html: string;
  readonly readers: string[];
}

/** Every document the group's state allows, rendered: one read of each source sheet, whatever the group's size. */
const planDocuments = (deps: DocumentsDeps, user: CurrentUser, group: string): Result<PlannedDocument[], string> => {
  const registry = deps.master.table(GROUP_REGISTRY);
  const entry = registry.read().find((g) => g.group === group);
  // One read of each source sheet, whatever the group's size.
  const courses = new Map(
    deps.master
      .table(COURSES)
      .read()
      .map((c) => [String(c.code), c]),
  );
  const course = entry && courses.get(String(entry.course));
  if (!entry || !course || !inScope(user, course)) return err('Группа не найдена среди курсов вашего подразделения.');
  const archived = entry.status === GROUP_STATUS.archived;
  const completed = entry.status !== GROUP_STATUS.formed;
  const archive = deps.master.table(ARCHIVE).read();
  const inGroups = deps.master.table(GROUPS).read();
  const members = archived ? archive.filter((a) => a.group === group) : inGroups.filter((g) => g.group === group);
  const territories = new Map(
    deps.master
      .table(TERRITORIES)
      .read()
      .map((t) => [String(t.code), String(t.name)]),
  );
  const templates = new Map(
    deps.master
      .table(TEMPLATES)
      .read()
      .map((t) => [String(t.key), t]),
  );
  const now = deps.clock.now();
  const year = (course.endDate instanceof Date ? course.endDate : now).getFullYear();
  const learners: TemplateData[] = members
    .slice()
    .sort((a, b) => fio(a).localeCompare(fio(b), 'ru'))
    .map((m, i) => {
      const done = m.outcome === 'completed';
      // Gendered forms from the recorded sex (issue 18); «(а)» only where it is not recorded.
      const g = (he: string, she: string) => (m.sex === 'женский' ? she : m.sex === 'мужской' ? he : `${he}(а)`);
      return {
        n: i + 1,
        fio: fio(m),
        passed: g('прошёл', 'прошла'),
        blankLine: m.blankNumber ? `Бланк № ${m.blankNumber}` : '',
        organization: String(m.organization ?? ''),
        position: String(m.position ?? ''),
        territory: territories.get(String(m.territory)) ?? String(m.territory ?? ''),
        regNumber: String(m.regNumber ?? ''),
        issueDate: d(m.issueDate),
        result: done
          ? `зачтено, ${g('завершил', 'завершила')} обучение`
          : m.outcome === 'expelled'
            ? `${g('отчислен', 'отчислена')}: ${m.outcomeReason || ('reason' in m ? m.reason : '') || ''}`
            : '',
      };
    });
  // The subdivision's own book of the year: the certificates of its courses (numbers run through the whole institute,
  // so a subdivision's book has gaps). Its people can read it; the institute's other learners are not in it.
  const subdivision = String(course.subdivision ?? '');
  const register = [...archive, ...inGroups]
    .filter((a) => a.regNumber && a.issueDate instanceof Date && a.issueDate.getFullYear() === year)
    .filter((a) => String(courses.get(String(a.course))?.subdivision ?? '') === subdivision)
    .sort((a, b) => String(a.regNumber).localeCompare(String(b.regNumber)));
  const settings = new Map(
    deps.master
      .table(SETTINGS)
      .read()
      .map((s) => [String(s.key), String(s.value)]),
  );
  const data: TemplateData = {
    providerName: settings.get('providerName') || PROVIDER_NAME,
    city: settings.get('providerCity') || PROVIDER_CITY,
    today: ddmmyyyy(now),
    year: String(year),
    group,
    courseCode: String(course.code),
    courseTitle: String(course.title),
    hours: String(course.hours),
    form: String(course.form),
    startDate: d(course.startDate),
    endDate: d(course.endDate),
    place: String(course.place ?? ''),
    // The orders' numbers follow the group's (one enrolment and one completion order per group), and the course's leader
    // signs (the name from «Доступ»).
    enrolmentOrder: `${group}/З`,
    completionOrder: `${group}/О`,
    leaderName: leaderName(deps.master, String(course.leader ?? '')),
    learners,
    completed: learners.filter((l) => l.regNumber),
    days: days(course.startDate, course.endDate),
    register: register.map((a) => ({
      regNumber: String(a.regNumber),
      fio: fio(a),
      courseTitle: String(courses.get(String(a.course))?.title ?? a.course),
      hours: String(courses.get(String(a.course))?.hours ?? ''),
      issueDate: d(a.issueDate),
      group: String(a.group ?? ''),
    })),
  };
  // The subdivision's head and leaders read the group's documents and the subdivision's register; the sector has the
  // owner's whole folder.
  const readers = subdivisionReaders(deps.master, subdivision);
  const folder = subdivisionFolder(year, subdivision);
  const documents: PlannedDocument[] = [];
  for (const kind of DOCUMENT_KINDS) {
    if (kind.afterCompletion && !completed) continue;
    const t = templates.get(kind.key);
    if (!t || !String(t.html).trim()) return err(`Нет шаблона «${kind.title}» на листе «Шаблоны документов»: выполните «ЕБППК → Настроить банк».`);
    const name = kind.key === 'register' ? `${t.title} ${year}` : `${t.title} — ${group}`;
    const folders = kind.key === 'register' ? folder : [...folder, group];
    documents.push({ title: String(t.title), name, folders, html: render(String(t.html), data), readers });
  }
  return ok(documents);
};

export const DOCUMENTS_STATE = {
  waiting: 'ожидает обработки',
  done: 'выполнено',
  failed: 'ошибка',
} as const;

export interface RequestDeps {
  readonly master: Workbook;
  readonly clock: Clock;
  readonly properties: Properties;
}

const stamp = (at: Date): string => `${ddmmyyyy(at)} ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/**
 * «Документы группы» from a sidebar: the PDFs must belong to the bank's owner (a file belongs to whoever the script runs
 * as), so the request is recorded on the group's row and the owner's job makes them. Checks scope now.
 */
export const requestDocuments = (deps: RequestDeps, user: CurrentUser, group: string): Result<{ state: string; links: string[] }, string> => {
  const registry = deps.master.table(GROUP_REGISTRY);
  const entry = registry.read().find((g) => g.group === group);
  const course =
    entry &&
    deps.master
      .table(COURSES)
      .read()
      .find((c) => c.code === entry.course);
  if (!entry || !course || !inScope(user, course)) return err('Группа не найдена среди курсов вашего подразделения.');
  const state = `${DOCUMENTS_STATE.waiting}: ${user.email}, ${stamp(deps.clock.now())}`;
  registry.updateByIds(new Map([[group, { documentsState: state }]]));
  requestOwnerWork(deps.properties, 'documents');
  return ok({ state: `${state}. Документы будут сформированы ${NEXT_RUN}.`, links: documentLinks(entry.documents) });
};

/** «Название: ссылка» lines of the group's row. */
export const documentLinks = (cell: Cell | undefined): string[] =>
  String(cell ?? '')
    .split('\n')
    .filter(Boolean);

/** The owner's job: makes every requested group's documents and writes each request's outcome on its row. */
export const generateRequestedDocuments = (deps: DocumentsDeps & RequestDeps): { done: string[]; failed: string[] } => {
  const registry = deps.master.table(GROUP_REGISTRY);
  const waiting = registry.read().filter((g) => String(g.documentsState ?? '').startsWith(DOCUMENTS_STATE.waiting));
  const done: string[] = [];
  const failed: string[] = [];
  const owner: CurrentUser = { email: 'банк', role: 'sector', scope: '', name: 'банк' };
  for (const g of waiting) {
    const group = String(g.group);
    let state: string;
    try {
      const r = generateDocuments(deps, owner, group);
      state = r.ok ? `${DOCUMENTS_STATE.done}: ${stamp(deps.clock.now())}, документов ${r.value.documents.length}` : `${DOCUMENTS_STATE.failed}: ${r.error}`;
      (r.ok ? done : failed).push(group);
    } catch (e) {
      state = `${DOCUMENTS_STATE.failed}: ${e instanceof Error ? e.message : String(e)}`;
      failed.push(group);
    }
    registry.updateByIds(new Map([[group, { documentsState: state }]]));
  }
  return { done, failed };
};
