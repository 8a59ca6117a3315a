// How many applications of each course and territory stand at each stage (issue 19): the quotas, the waitlist's
// offers, «Квоты», «О книге» and the leader's course list are counted from these, not from every application. Kept on
// «Счётчики» by every admission and move (one read and one write of that small sheet, only when a count changes),
// recounted from «Реестр заявок» whenever their sum differs from the ledger's rows and once a day.
import type { Stage } from '../domain/lifecycle';
import type { Table, Workbook } from '../ports';
import { LEDGER, STAGE_COUNTS } from '../sheets/master';
import type { Row } from '../sheets/spec';

const BUCKETS = ['methodist', 'waitlist', 'provider', 'group', 'done', 'other'] as const;
type Bucket = (typeof BUCKETS)[number];
export type Tally = Record<Bucket, number>;

const bucketOf = (stage: string): Bucket =>
  stage === 'methodist' || stage === 'waitlist' || stage === 'provider' || stage === 'group'
    ? stage
    : stage === 'completed' || stage === 'expelled'
      ? 'done'
      : 'other';

const keyOf = (course: string, territory: string) => `${course}/${territory}`;
const zero = (): Tally => ({ methodist: 0, waitlist: 0, provider: 0, group: 0, done: 0, other: 0 });

/** A stage change of one application: `from` null for a new one. */
export interface Shift {
  readonly course: string;
  readonly territory: string;
  readonly from: Stage | null;
  readonly to: Stage;
}

/** Whether any of these changes moves a count (a move from the provider's piggy bank to a group does not). */
const movesACount = (shifts: readonly Shift[]): boolean => shifts.some((s) => s.from === null || bucketOf(s.from) !== bucketOf(s.to));

export class StageCounts {
  private readonly tallies = new Map<string, { course: string; territory: string; n: Tally }>();
  /** Keys changed since the counts were read (what `save` writes). */
  private readonly touched = new Set<string>();

  /** From ledger rows (course, territory, stage): the full count. */
  static of(rows: Iterable<Row>): StageCounts {
    const c = new StageCounts();
    for (const r of rows) c.add(String(r.course), String(r.territory), bucketOf(String(r.stage)), 1);
    c.touched.clear();
    return c;
  }

  /** From the rows of «Счётчики». */
  static fromSheet(rows: readonly Row[]): StageCounts {
    const c = new StageCounts();
    for (const r of rows) for (const b of BUCKETS) c.add(String(r.course), String(r.territory), b, Number(r[b]) || 0);
    c.touched.clear();
    return c;
  }

  private add(course: string, territory: string, bucket: Bucket, n: number): void {
    const k = keyOf(course, territory);
    let t = this.tallies.get(k);
    if (!t) {
      t = { course, territory, n: zero() };
      this.tallies.set(k, t);
    }
    t.n[bucket] += n;
    this.touched.add(k);
  }

  /** Applies stage changes. */
  shift(shifts: readonly Shift[]): void {
    for (const s of shifts) {
      const to = bucketOf(s.to);
      const from = s.from === null ? null : bucketOf(s.from);
      if (from === to) continue;
      if (from) this.add(s.course, s.territory, from, -1);
      this.add(s.course, s.territory, to, 1);
    }
  }

  get(course: string, territory: string): Readonly<Tally> {
    return this.tallies.get(keyOf(course, territory))?.n ?? zero();
  }

  /**
   * Applications of the territory holding a place of its quota on the course: sent on and not given back (at the
   * provider, in a group, completed or expelled; a no-show or a withdrawal frees the place).
   */
  used(course: string, territory: string): number {
    const n = this.get(course, territory);
    return n.provider + n.group + n.done;
  }

  /** Applications holding a place on the course, every territory's (its capacity's use). */
  held(course: string): number {
    let used = 0;
    this.tallies.forEach((t) => {
      if (t.course === course) used += t.n.provider + t.n.group + t.n.done;
    });
    return used;
  }

  /** Every course's tallies summed over territories. */
  byCourse(course: string): Tally {
    const sum = zero();
    this.tallies.forEach((t) => {
      if (t.course === course) for (const b of BUCKETS) sum[b] += t.n[b];
    });
    return sum;
  }

  /** The territories with applications on the course, and theirs. */
  territoriesOf(course: string): Array<{ territory: string; n: Readonly<Tally> }> {
    const out: Array<{ territory: string; n: Readonly<Tally> }> = [];
    this.tallies.forEach((t) => t.course === course && out.push({ territory: t.territory, n: t.n }));
    return out;
  }

  /** The territory's courses with applications, and theirs. */
  coursesOf(territory: string): Array<{ course: string; n: Readonly<Tally> }> {
    const out: Array<{ course: string; n: Readonly<Tally> }> = [];
    this.tallies.forEach((t) => t.territory === territory && out.push({ course: t.course, n: t.n }));
    return out;
  }

  /** Applications counted, every stage: equals the ledger's rows while the counts are true. */
  total(): number {
    let n = 0;
    this.tallies.forEach((t) => BUCKETS.forEach((b) => (n += t.n[b])));
    return n;
  }

  /** The sheet's rows, sorted by course and territory. */
  rows(only?: ReadonlySet<string>): Row[] {
    return [...this.tallies.entries()]
      .filter(([k]) => !only || only.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, t]) => ({ key, course: t.course, territory: t.territory, ...t.n }));
  }

  /** The keys changed since reading. */
  changed(): ReadonlySet<string> {
    return this.touched;
  }
}

const ledgerCounts = (master: Workbook): StageCounts =>
  StageCounts.of(
    master
      .table(LEDGER)
      .readKeys(['course', 'territory', 'stage'])
      .map((f) => f.row),
  );

/**
 * The counts as «Счётчики» keeps them, when their sum is the ledger's row count (one read and one call); otherwise
 * counted from the ledger (its three columns) and, with `repair`, written back (call it holding the lock).
 */
export const loadCounts = (master: Workbook, repair: boolean): StageCounts => {
  if (master.has(STAGE_COUNTS)) {
    const table = master.table(STAGE_COUNTS);
    const kept = StageCounts.fromSheet(table.read());
    if (kept.total() === master.table(LEDGER).count()) return kept;
  }
  const counted = ledgerCounts(master);
  if (repair) writeAll(master, counted);
  return counted;
};

const writeAll = (master: Workbook, counts: StageCounts): void => {
  if (!master.has(STAGE_COUNTS)) master.ensure(STAGE_COUNTS);
  master.table(STAGE_COUNTS).replaceAll(counts.rows());
};

/** Writes the rows `shift` changed: an update of those there, an append of new ones. */
const save = (table: Table, counts: StageCounts, present: ReadonlySet<string>): void => {
  const rows = counts.rows(counts.changed());
  table.updateByIds(new Map(rows.filter((r) => present.has(String(r.key))).map((r) => [String(r.key), r])));
  table.append(rows.filter((r) => !present.has(String(r.key))));
};

/**
 * Reads what keeping «Счётчики» in step with these stage changes needs, and returns the write to make once the ledger
 * has them — in the same batch as the ledger's write (call both holding the lock). No read or write at all when no
 * change moves a count (say, from the provider's piggy bank to a group).
 */
export const prepareCounts = (master: Workbook, shifts: readonly Shift[]): { write(): void } => {
  if (!movesACount(shifts)) return { write: () => undefined };
  const recount = { write: () => writeAll(master, ledgerCounts(master)) };
  if (!master.has(STAGE_COUNTS)) return recount;
  const table = master.table(STAGE_COUNTS);
  const rows = table.read();
  const counts = StageCounts.fromSheet(rows);
  counts.shift(shifts);
  // Counts that were already off (rows written around the bank) are recounted instead of shifted.
  const arriving = shifts.filter((s) => s.from === null).length;
  if (counts.total() !== master.table(LEDGER).count() + arriving) return recount;
  return { write: () => save(table, counts, new Set(rows.map((r) => String(r.key)))) };
};

/**
 * The full recount (the day's first run, a year's rollover): rewrites «Счётчики» when it differs, or makes it where a
 * bank set up before it lacks it. True only when counts it kept were wrong (something to journal).
 */
export const recountStages = (master: Workbook): boolean => {
  const counted = ledgerCounts(master);
  const kept = master.has(STAGE_COUNTS) ? master.table(STAGE_COUNTS).read() : null;
  const want = counted.rows();
  const same =
    kept !== null &&
    kept.length === want.length &&
    kept.every((r, i) => String(r.key) === String(want[i].key) && BUCKETS.every((b) => Number(r[b]) === want[i][b]));
  if (same) return false;
  writeAll(master, counted);
  return kept !== null;
};
