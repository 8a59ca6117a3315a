// A territory workbook's read-only mirrors: «Квоты» (per open course) and «История» (every application sent on).

import { showDay } from '../dates';
import { STAGE_LABELS, type Stage } from '../domain/lifecycle';
import type { Workbook } from '../ports';
import type { Cell, Row } from '../sheets/spec';
import { HISTORY, TERRITORY_QUOTAS } from '../sheets/territory';
import type { QuotaBook } from './quotas';
import { capacityLeft } from './waitlist';

/** Stages in which the methodist still has to see the course: its card stays on «Квоты» while any is there. */
const ACTIVE: ReadonlySet<Stage> = new Set<Stage>(['methodist', 'waitlist', 'provider', 'group']);

/**
 * «Квоты»: every course open for enrolment or with an active application of the territory (issue 16: the course card
 * stays in sight until the territory's people have finished), with the quota, the waitlist, the places left on the course
 * and the card — dates, place, schedule, annotation, the leader to contact.
 */
export const quotaMirror = (territory: string, courses: readonly Row[], quotas: QuotaBook, ledgerRows: readonly Row[]): Row[] => {
  const active = new Set<string>();
  const waiting = new Map<string, number>();
  for (const r of ledgerRows) {
    if (r.territory !== territory) continue;
    if (ACTIVE.has(r.stage as Stage)) active.add(String(r.course));
    if (r.stage === 'waitlist') waiting.set(String(r.course), (waiting.get(String(r.course)) ?? 0) + 1);
  }
  return courses
    .filter((c) => c.enrolment === 'открыт' || active.has(String(c.code)))
    .map((c) => {
      const code = String(c.code);
      const q = quotas.quota(code, territory);
      const sent = quotas.usedBy(code, territory);
      const room = capacityLeft(c, ledgerRows);
      return {
        course: code,
        title: String(c.title),
        dates: `${showDay(c.startDate)}–${showDay(c.endDate)}`,
        enrolment: String(c.enrolment ?? ''),
        quota: q === null ? 'без квоты' : String(q),
        sent,
        left: q === null ? '' : Math.max(0, q - sent),
        waiting: waiting.get(code) ?? 0,
        placesLeft: room === null ? '' : Math.max(0, room),
        place: String(c.place ?? ''),
        schedule: String(c.schedule ?? ''),
        annotation: String(c.annotation ?? ''),
        leader: String(c.leader ?? ''),
      };
    });
};

/** Stages the methodist follows up: everything that left the piggy bank. */
const FOLLOWED: ReadonlySet<Stage> = new Set<Stage>(['provider', 'group', 'absent', 'expelled', 'completed', 'rejected', 'withdrawn']);
const PERSON = ['lastName', 'firstName', 'middleName', 'organization'] as const;

/** The «История» rows a territory should show. Person fields come from `people` (by id). */
export const historyMirror = (territory: string, ledgerRows: Iterable<Row>, people: ReadonlyMap<string, Row>, courses: ReadonlyMap<string, Row>): Row[] => {
  const out: Row[] = [];
  for (const r of ledgerRows) {
    if (r.territory !== territory || !FOLLOWED.has(r.stage as Stage)) continue;
    const p = people.get(String(r.id)) ?? r;
    const c = courses.get(String(r.course));
    out.push({
      id: r.id,
      course: r.course,
      courseDates: c ? `${showDay(c.startDate)}–${showDay(c.endDate)}` : '',
      place: String(c?.place ?? ''),
      lastName: p.lastName ?? '',
      firstName: p.firstName ?? '',
      middleName: p.middleName ?? '',
      organization: p.organization ?? '',
      stage: STAGE_LABELS[r.stage as Stage],
      group: r.group ?? '',
      reason: r.reason ?? '',
      updatedAt: r.updatedAt,
    });
  }
  return out.sort((a, b) => (String(a.course) + a.id < String(b.course) + b.id ? -1 : 1));
};

const norm = (v: Cell | undefined) => (v instanceof Date ? v.getTime() : v === undefined || v === null ? '' : v);
const sameRow = (a: Row, b: Row, keys: readonly string[]) => keys.every((k) => norm(a[k]) === norm(b[k]));
export const same = (a: readonly Row[], b: readonly Row[], keys: readonly string[]): boolean =>
  a.length === b.length && a.every((r, i) => sameRow(r, b[i], keys));

/** Loads full records of applications (their person fields) when neither the ledger index nor the mirror has them. */
export type PeopleLoader = (ids: readonly string[]) => ReadonlyMap<string, Row>;

/**
 * Brings a workbook's mirrors up to date, writing only what changed: «Квоты» is small and rewritten when it
 * differs; «История» gets its changed rows updated and new rows appended (a full rewrite only if rows vanished).
 * Returns the number of sheets written.
 */
export const refreshMirrors = (
  book: Workbook,
  quotaRows: Row[],
  territory: string,
  ledgerRows: Iterable<Row>,
  loadPeople: PeopleLoader,
  courses: ReadonlyMap<string, Row>,
): number => {
  let written = 0;
  const quotas = book.table(TERRITORY_QUOTAS);
  if (
    !same(
      quotas.read(),
      quotaRows,
      TERRITORY_QUOTAS.columns.map((c) => c.key),
    )
  ) {
    quotas.replaceAll(quotaRows);
    written++;
  }
  const history = book.table(HISTORY);
  const current = history.read();
  const byId = new Map(current.map((r) => [String(r.id), r]));
  const followed = [...ledgerRows].filter((r) => r.territory === territory && FOLLOWED.has(r.stage as Stage));
  const people = new Map<string, Row>();
  const missing: string[] = [];
  for (const r of followed) {
    const id = String(r.id);
    if (PERSON.every((k) => r[k] !== undefined)) continue;
    const known = byId.get(id);
    if (known) people.set(id, known);
    else missing.push(id);
  }
  if (missing.length) loadPeople(missing).forEach((row, id) => people.set(id, row));
  const desired = historyMirror(territory, followed, people, courses);
  const keys = HISTORY.columns.map((c) => c.key);
  const desiredIds = new Set(desired.map((r) => String(r.id)));
  if (current.some((r) => !desiredIds.has(String(r.id)))) {
    history.replaceAll(desired);
    return written + 1;
  }
  const changed = new Map<string, Row>();
  const added: Row[] = [];
  for (const r of desired) {
    const old = byId.get(String(r.id));
    if (!old) added.push(r);
    else if (!sameRow(old, r, keys)) changed.set(String(r.id), r);
  }
  history.updateByIds(changed);
  history.append(added);
  return written + (changed.size || added.length ? 1 : 0);
};
