// The waitlist of a course in a territory (issue 16): applications wait in the order they arrived (their ids are issued
// in that order); when the territory's quota and the course's capacity both have room, the first waiting ones are
// offered to the methodist — marked on «Копилка методиста», never moved by the bank on its own.
import type { Row } from '../sheets/spec';
import type { QuotaBook } from './quotas';
import type { StageCounts } from './stage-counts';

/** Places left on the course over all territories (capacity minus applications holding a place). */
export const capacityLeft = (course: Row | undefined, counts: StageCounts): number | null => {
  const capacity = Number(course?.capacity);
  if (!course || !(capacity > 0)) return null;
  return capacity - counts.held(String(course.code));
};

const byArrival = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Waitlisted application ids of a territory by course, in arrival order (`ledgerRows`: at least its waitlisted ones). */
export const waitlists = (territory: string, ledgerRows: Iterable<Row>): Map<string, string[]> => {
  const out = new Map<string, string[]>();
  for (const r of ledgerRows) {
    if (r.territory !== territory || r.stage !== 'waitlist') continue;
    const list = out.get(String(r.course));
    if (list) list.push(String(r.id));
    else out.set(String(r.course), [String(r.id)]);
  }
  out.forEach((ids) => ids.sort(byArrival));
  return out;
};

/** Each waiting application's place in its course's queue (1 = next), counting `joining` as waiting too. */
export const waitlistPositions = (
  territory: string,
  ledgerRows: Iterable<Row>,
  joining: ReadonlyArray<{ id: string; course: string }>,
): Map<string, number> => {
  const lists = waitlists(territory, ledgerRows);
  for (const j of joining) {
    const list = lists.get(j.course) ?? [];
    if (!list.includes(j.id)) list.push(j.id);
    lists.set(j.course, list.sort(byArrival));
  }
  const out = new Map<string, number>();
  lists.forEach((ids) => ids.forEach((id, i) => out.set(id, i + 1)));
  return out;
};

export const WAITLIST_NOTE = 'Лист ожидания';
export const OFFER_NOTE = 'Место освободилось';

/**
 * The bank's note for every waitlisted application of a territory: its place in the queue, or — for the first ones while
 * the quota and the capacity have room — the offer to send it now.
 */
export const waitlistNotes = (
  territory: string,
  ledgerRows: Iterable<Row>,
  courses: ReadonlyMap<string, Row>,
  quotas: QuotaBook,
  counts: StageCounts,
): Map<string, string> => {
  const notes = new Map<string, string>();
  waitlists(territory, ledgerRows).forEach((ids, code) => {
    const quotaLeft = quotas.left(code, territory);
    const roomLeft = capacityLeft(courses.get(code), counts);
    const open = courses.get(code)?.enrolment === 'открыт';
    const free = open ? Math.max(0, Math.min(quotaLeft ?? Number.POSITIVE_INFINITY, roomLeft ?? Number.POSITIVE_INFINITY)) : 0;
    ids.forEach((id, i) =>
      notes.set(
        id,
        i < free
          ? `${OFFER_NOTE} (свободно: ${Number.isFinite(free) ? free : 'без ограничения'}): выберите «Направить поставщику».`
          : `${WAITLIST_NOTE}: ${i + 1}-я по очереди${quotaLeft === 0 ? ` (квота ${quotas.usedBy(code, territory)} из ${quotas.quota(code, territory)} занята)` : roomLeft !== null && roomLeft <= 0 ? ' (мест на курсе нет)' : ''}.`,
      ),
    );
  });
  return notes;
};

/** Whether a note on «Копилка методиста» is the bank's waitlist note (so a methodist's own choice does not replace it). */
export const isWaitlistNote = (note: string): boolean => note.startsWith(WAITLIST_NOTE) || note.startsWith(OFFER_NOTE);
