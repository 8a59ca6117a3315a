// A territory workbook's read-only mirrors: «Квоты» (per open course) and «История» (every application sent on).
import { Stage, STAGE_LABELS } from '../domain/lifecycle';
import type { Workbook } from '../ports';
import { HISTORY, TERRITORY_QUOTAS } from '../sheets/territory';
import type { Cell, Row } from '../sheets/spec';
import type { QuotaBook } from './quotas';

const ddmmyyyy = (v: Cell): string => {
  if (!(v instanceof Date)) return String(v ?? '');
  return `${String(v.getDate()).padStart(2, '0')}.${String(v.getMonth() + 1).padStart(2, '0')}.${v.getFullYear()}`;
};

export const quotaMirror = (territory: string, courses: readonly Row[], quotas: QuotaBook): Row[] =>
  courses
    .filter((c) => c.enrolment === 'открыт')
    .map((c) => {
      const code = String(c.code);
      const q = quotas.quota(code, territory);
      const sent = quotas.usedBy(code, territory);
      return {
        course: code,
        title: String(c.title),
        dates: `${ddmmyyyy(c.startDate)}–${ddmmyyyy(c.endDate)}`,
        quota: q === null ? '' : q,
        sent,
        left: q === null ? '' : Math.max(0, q - sent),
      };
    });

/** Stages the methodist follows up: everything that left the piggy bank. */
const FOLLOWED: ReadonlySet<Stage> = new Set<Stage>(['provider', 'group', 'absent', 'expelled', 'completed', 'rejected', 'withdrawn']);

export const historyMirror = (territory: string, ledgerRows: Iterable<Row>): Row[] => {
  const out: Row[] = [];
  for (const r of ledgerRows) {
    if (r.territory !== territory || !FOLLOWED.has(r.stage as Stage)) continue;
    out.push({
      id: r.id,
      course: r.course,
      lastName: r.lastName,
      firstName: r.firstName,
      middleName: r.middleName,
      organization: r.organization,
      stage: STAGE_LABELS[r.stage as Stage],
      group: r.group ?? '',
      reason: r.reason ?? '',
      updatedAt: r.updatedAt,
    });
  }
  return out.sort((a, b) => (String(a.course) + a.id < String(b.course) + b.id ? -1 : 1));
};

const same = (a: readonly Row[], b: readonly Row[], keys: readonly string[]): boolean => {
  const norm = (v: Cell | undefined) => (v instanceof Date ? v.getTime() : v === undefined ? '' : v);
  return a.length === b.length && a.every((r, i) => keys.every((k) => norm(r[k]) === norm(b[i][k])));
};

/** Rewrites a book's mirrors only where they differ: one read each, a write only on change. Returns sheets written. */
export const refreshMirrors = (book: Workbook, quotaRows: Row[], historyRows: Row[]): number => {
  let written = 0;
  for (const [spec, rows] of [
    [TERRITORY_QUOTAS, quotaRows],
    [HISTORY, historyRows],
  ] as const) {
    const table = book.table(spec);
    if (same(table.read(), rows, spec.columns.map((c) => c.key))) continue;
    table.replaceAll(rows);
    written++;
  }
  return written;
};
