// Territory quotas: how many places a territory has on a course and how many it has used.
import type { Stage } from '../domain/lifecycle';
import type { Row } from '../sheets/spec';

/** Stages that hold a place of the territory's quota: sent on and not given back (a no-show or withdrawal frees it). */
export const QUOTA_STAGES: ReadonlySet<Stage> = new Set<Stage>(['provider', 'group', 'completed', 'expelled']);

const key = (course: string, territory: string) => `${course}\u0000${territory}`;

export class QuotaBook {
  private readonly places = new Map<string, number>();
  private readonly used = new Map<string, number>();

  constructor(quotaRows: readonly Row[], ledgerRows: Iterable<Row>) {
    for (const q of quotaRows) {
      const n = Number(q.places);
      if (String(q.course) && String(q.territory) && Number.isFinite(n)) this.places.set(key(String(q.course), String(q.territory)), n);
    }
    for (const r of ledgerRows) if (QUOTA_STAGES.has(r.stage as Stage)) this.take(String(r.course), String(r.territory));
  }

  /** The territory's quota on the course; null when the course sets none for it (then only capacity limits). */
  quota(course: string, territory: string): number | null {
    const k = key(course, territory);
    return this.places.has(k) ? (this.places.get(k) as number) : null;
  }

  usedBy(course: string, territory: string): number {
    return this.used.get(key(course, territory)) ?? 0;
  }

  left(course: string, territory: string): number | null {
    const q = this.quota(course, territory);
    return q === null ? null : Math.max(0, q - this.usedBy(course, territory));
  }

  take(course: string, territory: string): void {
    const k = key(course, territory);
    this.used.set(k, (this.used.get(k) ?? 0) + 1);
  }
}
