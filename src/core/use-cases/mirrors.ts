// A territory workbook's read-only mirrors: «Квоты» (per open course) and «История» (every application sent on).

import { ddmmyyyy, showDay } from '../dates';
import { STAGE_LABELS, type Stage } from '../domain/lifecycle';
import type { Workbook } from '../ports';
import type { Cell, Row } from '../sheets/spec';
import { BOOK_STATUS, HISTORY, TERRITORY_QUOTAS } from '../sheets/territory';
import type { QuotaBook } from './quotas';
import type { StageCounts } from './stage-counts';
import { capacityLeft } from './waitlist';

/**
 * «Квоты»: every course open for enrolment or with an active application of the territory (issue 16: the course card
 * stays in sight until the territory's people have finished), with the quota, the waitlist, the places left on the course
 * and the card — dates, place, schedule, annotation, the leader to contact.
 */
export const quotaMirror = (territory: string, courses: readonly Row[], quotas: QuotaBook, counts: StageCounts): Row[] => {
  const active = new Set<string>();
  const waiting = new Map<string, number>();
  // Active: still with the methodist, waiting, at the provider or in a group.
  for (const { course, n } of counts.coursesOf(territory)) {
    if (n.methodist + n.waitlist + n.provider + n.group > 0) active.add(course);
    if (n.waitlist) waiting.set(course, n.waitlist);
  }
  return courses
    .filter((c) => c.enrolment === 'открыт' || active.has(String(c.code)))
    .map((c) => {
      const code = String(c.code);
      const q = quotas.quota(code, territory);
      const sent = quotas.usedBy(code, territory);
      const room = capacityLeft(c, counts);
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

export const BOOK_STATUS_KEYS = {
  territory: 'Территория',
  synced: 'Банк последний раз обработал книгу',
  waiting: 'Ждут вашего решения',
  waitlist: 'В листе ожидания',
  how: 'Как работать',
} as const;

const HOW =
  'В «Копилке методиста» выберите «Решение» в строке заявки (для «Отклонить» укажите причину). Банк забирает решения ' +
  'каждые 5 минут: строка уходит из копилки, её дальнейший путь — на листе «История». Квоты и места на курсах — на листе «Квоты».';

/** «О книге»'s rows: the time of this sync and the territory's applications still with the methodist (from the counts). */
export const bookStatusRows = (territoryName: string, territory: string, now: Date, counts: StageCounts): Row[] => {
  let waiting = 0;
  let waitlist = 0;
  for (const { n } of counts.coursesOf(territory)) {
    waiting += n.methodist;
    waitlist += n.waitlist;
  }
  const hm = `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
  return [
    { key: BOOK_STATUS_KEYS.territory, value: territoryName },
    { key: BOOK_STATUS_KEYS.synced, value: `${ddmmyyyy(now)} ${hm}` },
    { key: BOOK_STATUS_KEYS.waiting, value: waiting ? String(waiting) : 'нет — новых заявок нет' },
    { key: BOOK_STATUS_KEYS.waitlist, value: String(waitlist) },
    { key: BOOK_STATUS_KEYS.how, value: HOW },
  ];
};

/** What a mirror needs written, found by reading first: `write` does it (in the workbook's batch, with the others). */
export interface MirrorWrite {
  readonly changed: boolean;
  write(): void;
}
const NOTHING: MirrorWrite = { changed: false, write: () => undefined };

/**
 * «О книге» is rewritten when this run took the workbook's decisions (`decided`: a new time) or its counts changed; not
 * for the bank's own writes showing up as a change (else every write would bring another). A workbook made before the
 * sheet existed gets it. At most one read, then the write.
 */
export const planBookStatus = (book: Workbook, rows: Row[], decided: boolean): MirrorWrite => {
  if (!book.has(BOOK_STATUS)) book.ensure(BOOK_STATUS);
  const table = book.table(BOOK_STATUS);
  if (!decided) {
    const now = new Map(table.read().map((r) => [String(r.key), String(r.value)]));
    const counts = [BOOK_STATUS_KEYS.territory, BOOK_STATUS_KEYS.waiting, BOOK_STATUS_KEYS.waitlist];
    if (now.has(BOOK_STATUS_KEYS.synced) && counts.every((k) => now.get(k) === rows.find((r) => r.key === k)?.value)) return NOTHING;
  }
  return { changed: true, write: () => table.replaceAll(rows) };
};

/** Loads full records of applications (their person fields) when neither the ledger index nor the mirror has them. */
export type PeopleLoader = (ids: readonly string[]) => ReadonlyMap<string, Row>;

/** «Квоты» is rewritten when it differs from `quotaRows` (it is small: one row per course in sight). One read. */
export const planQuotas = (book: Workbook, quotaRows: Row[]): MirrorWrite => {
  const quotas = book.table(TERRITORY_QUOTAS);
  const keys = TERRITORY_QUOTAS.columns.map((c) => c.key);
  return same(quotas.read(), quotaRows, keys) ? NOTHING : { changed: true, write: () => quotas.replaceAll(quotaRows) };
};

/**
 * «История» brought up to date, writing only what changed: changed rows updated, new rows appended. `ledgerRows`: the
 * territory's applications (their person fields from the rows, the mirror itself or `loadPeople`). With `only`, just
 * those applications: their rows are looked up (not the sheet read) and a row that should go is deleted; without it,
 * the whole sheet is read (and rewritten if rows vanished).
 */
export const planHistory = (
  book: Workbook,
  territory: string,
  ledgerRows: Iterable<Row>,
  loadPeople: PeopleLoader,
  courses: ReadonlyMap<string, Row>,
  only?: readonly string[],
): MirrorWrite => {
  if (only && !only.length) return NOTHING;
  const history = book.table(HISTORY);
  const current = only ? history.find('id', only).map((f) => f.row) : history.read();
  const byId = new Map(current.map((r) => [String(r.id), r]));
  const wanted = only ? new Set(only) : null;
  const followed = [...ledgerRows].filter((r) => r.territory === territory && FOLLOWED.has(r.stage as Stage) && (!wanted || wanted.has(String(r.id))));
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
  const gone = current.filter((r) => !desiredIds.has(String(r.id))).map((r) => String(r.id));
  if (gone.length && !only) return { changed: true, write: () => history.replaceAll(desired) };
  const changed = new Map<string, Row>();
  const added: Row[] = [];
  for (const r of desired) {
    const old = byId.get(String(r.id));
    if (!old) added.push(r);
    else if (!sameRow(old, r, keys)) changed.set(String(r.id), r);
  }
  if (!gone.length && !changed.size && !added.length) return NOTHING;
  return {
    changed: true,
    write: () => {
      history.deleteByIds(gone);
      history.updateByIds(changed);
      history.append(added);
    },
  };
};
