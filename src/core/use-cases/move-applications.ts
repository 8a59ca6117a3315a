// Carries out lifecycle transitions as moves between stage sheets: append to the destination, journal, update the
// ledger, then delete from the source by id. Idempotent by id: re-running a move interrupted at any step completes it.
import { type Action, type ActorRole, decide, STAGE_LABELS, STAGE_SHEET, type Stage, type StageSheet, TRANSITIONS } from '../domain/lifecycle';
import { type Clock, inBatch, type Table, type Workbook } from '../ports';
import type { Row } from '../sheets/spec';
import { type LetterDraft, prepareMail, stageLetter } from './letters';
import type { QueuedLetters } from './outbox';
import { prepareCounts, type Shift } from './stage-counts';

export interface Move {
  readonly id: string;
  readonly action: Action;
  readonly reason?: string;
  /** Destination fields beyond the application record (e.g. the group number). */
  readonly extra?: Partial<Row>;
}

export interface MoveContext {
  /** The ledger's index rows by id, read once by the caller; updated in place as moves apply. */
  readonly ledgerRows: Map<string, Row>;
  /** Full records of the applications being moved (what the destination rows are made of). */
  readonly records: ReadonlyMap<string, Row>;
  readonly ledger: Table;
  readonly journal: Table;
  /** The sheet the applications are on now. */
  readonly source: Table;
  readonly sourceSheet: StageSheet;
  /** Destination tables by stage sheet (only those the moves need). */
  readonly destinations: Partial<Record<StageSheet, Table>>;
  readonly clock: Clock;
  readonly actor: string;
  readonly role: ActorRole;
  /** The teacher's letter for each step (issue 16), queued in the master's outbox; none when omitted. */
  readonly letters?: MoveLetters;
  /**
   * The master: the workbook of the ledger, the journal, the destinations and the outbox (their appends go together,
   * `Workbook.batch`) and of «Счётчики», kept in step with the ledger.
   */
  readonly book: Workbook;
}

export interface MoveLetters {
  readonly master: Workbook;
  /** The courses by code, for the letter's course card. */
  readonly courses: ReadonlyMap<string, Row>;
  /** Waitlist places by application id (the waitlist letter says it). */
  readonly positions?: ReadonlyMap<string, number>;
  /** The undo window the absence letter promises. */
  readonly undoDays?: number;
}

export interface MoveReport {
  readonly done: string[];
  readonly refused: Array<{ id: string; message: string }>;
}

const destinationRow = (sheet: StageSheet, record: Row, to: Stage, reason: string, actor: string, now: Date, extra: Partial<Row>): Row => {
  const base: Row = { ...record };
  if (sheet === 'provider') return { ...base, sentAt: now, sentBy: actor, present: false, ...extra } as Row;
  if (sheet === 'group') return { ...base, enrolledAt: now, ...extra } as Row;
  return { ...base, outcome: to, reason, group: record.group ?? '', archivedAt: now, ...extra } as Row;
};

/** How far back a resumed move looks for its journal row: far more than one run writes. */
const JOURNAL_TAIL = 2000;

export const moveApplications = (ctx: MoveContext, moves: readonly Move[]): MoveReport => {
  const now = ctx.clock.now();
  const refused: MoveReport['refused'] = [];
  const planned: Array<{ move: Move; from: Stage; to: Stage; fresh: boolean; reason: string }> = [];
  for (const move of moves) {
    const record = ctx.ledgerRows.get(move.id);
    if (!record) {
      refused.push({ id: move.id, message: `Заявки ${move.id} нет в «Реестре заявок».` });
      continue;
    }
    const to = TRANSITIONS[move.action].to;
    const from = record.stage as Stage;
    if (from === to) {
      // An earlier run updated the ledger and stopped: finish the move without a second journal entry.
      planned.push({ move, from, to, fresh: false, reason: String(record.reason ?? '') });
      continue;
    }
    const d = decide(from, move.action, ctx.role, move.reason ?? '');
    if (!d.ok) refused.push({ id: move.id, message: d.error.message });
    else planned.push({ move, from, to, fresh: true, reason: d.value.reason });
  }

  // Every look-up first (the outbox, the destinations, the journal's tail), then the appends together: in Apps Script
  // one request, applied whole or not at all, so the order below holds either way.
  // 0. The teachers' letters, queued before anything moves: a re-run queues nothing twice (ids are the application and
  // the stage), and a crash after this loses no letter.
  let mail: QueuedLetters | null = null;
  if (ctx.letters) {
    const { master, courses, positions, undoDays } = ctx.letters;
    const letters = planned
      .filter((p) => p.fresh)
      .flatMap((p): LetterDraft[] => {
        const record = ctx.records.get(p.move.id);
        const facts = { reason: p.reason, position: positions?.get(p.move.id), undoDays };
        const letter = record && stageLetter(p.to, { ...record, ...(p.move.extra ?? {}) } as Row, courses.get(String(record.course)), facts);
        return letter ? [letter] : [];
      });
    mail = prepareMail(master, letters, ctx.clock);
  }

  // 1. Destination sheets: append what is not there yet.
  const byDest = new Map<StageSheet, typeof planned>();
  for (const p of planned) {
    const dest = STAGE_SHEET[p.to];
    if (dest === ctx.sourceSheet) continue;
    const list = byDest.get(dest);
    if (list) list.push(p);
    else byDest.set(dest, [p]);
  }
  const arrivals: Array<[Table, Row[]]> = [];
  byDest.forEach((items, dest) => {
    const table = ctx.destinations[dest];
    if (!table) throw new Error(`No destination table for ${dest}`);
    const present = table.present(items.map((p) => p.move.id));
    const rows = items
      .filter((p) => !present.has(p.move.id))
      .map((p) => {
        const record = ctx.records.get(p.move.id);
        if (!record) throw new Error(`Нет полной записи заявки ${p.move.id} для переноса`);
        return destinationRow(dest, record, p.to, p.reason, ctx.actor, now, p.move.extra ?? {});
      });
    arrivals.push([table, rows]);
  });

  // What the journal already has of the transitions not applied before (see 2. below).
  const fresh = planned.filter((p) => p.fresh);
  const tail = fresh.length ? ctx.journal.tail(JOURNAL_TAIL) : [];
  const written = new Map<string, number>();
  for (const j of tail) {
    const k = `${j.applicationId}\u0000${j.to}`;
    const at = j.at instanceof Date ? j.at.getTime() : 0;
    written.set(k, Math.max(written.get(k) ?? 0, at));
  }
  const toJournal = fresh.filter((p) => {
    const at = written.get(`${p.move.id}\u0000${STAGE_LABELS[p.to]}`);
    const changed = (ctx.ledgerRows.get(p.move.id) as Row).updatedAt;
    return at === undefined || !(changed instanceof Date) || at < changed.getTime();
  });
  const patches = new Map<string, Partial<Row>>();
  const shifts: Shift[] = [];
  for (const p of fresh) {
    const before = ctx.ledgerRows.get(p.move.id) as Row;
    shifts.push({ course: String(before.course), territory: String(before.territory), from: p.from, to: p.to });
    const patch: Partial<Row> = { stage: p.to, reason: p.reason, updatedAt: now, updatedBy: ctx.actor };
    // The first time it reaches the provider (statistics count «направлено» by it, whatever happens next).
    if (p.to === 'provider' && !(before.sentAt instanceof Date)) patch.sentAt = now;
    if (p.move.extra?.group !== undefined) patch.group = p.move.extra.group;
    patches.set(p.move.id, patch);
    Object.assign(before, patch);
  }
  const counts = prepareCounts(ctx.book, shifts);
  // Then 2. the journal, 3. the ledger and «Счётчики», with the letters and the destination rows. Without the Sheets API
  // they go one by one in this order: a crash between the journal and the ledger leaves a journal row newer than the
  // ledger row's last change, and the re-run finds it in the journal's recent tail and does not repeat it.
  inBatch(ctx.book, () => {
    mail?.write();
    for (const [table, rows] of arrivals) table.append(rows);
    ctx.journal.append(
      toJournal.map((p) => ({
        at: now,
        actor: ctx.actor,
        action: TRANSITIONS[p.move.action].label,
        applicationId: p.move.id,
        from: STAGE_LABELS[p.from],
        to: STAGE_LABELS[p.to],
        reason: p.reason,
      })),
    );
    ctx.ledger.updateByIds(patches);
    // Without the API, a crash right before this leaves the counts a move behind: their sum still matches, so the
    // day's recount mends them.
    counts.write();
  });

  // 4. The source: delete by id (the table re-reads ids right before deleting).
  const leaving = planned.filter((p) => STAGE_SHEET[p.to] !== ctx.sourceSheet).map((p) => p.move.id);
  ctx.source.deleteByIds(leaving);
  return { done: planned.map((p) => p.move.id), refused };
};
