// Territory quotas: how many places a territory has on a course and how many it has used.
import type { Row } from '../sheets/spec';
import type { StageCounts } from './stage-counts';

const key = (course: string, territory: string) => `${course}\u0000${territory}`;

export class QuotaBook {
  private readonly places = new Map<string, number>();
  /** Places taken by this execution's decisions before their moves reach the counts. */
  private readonly taken = new Map<string, number>();

  /** `counts`: the applications at each stage (`StageCounts.of(ledgerRows)` where the rows were read anyway). */
  constructor(
    quotaRows: readonly Row[],
    private readonly counts: StageCounts,
  ) {
    for (const q of quotaRows) {
      const n = Number(q.places);
      if (String(q.course) && String(q.territory) && Number.isFinite(n)) this.places.set(key(String(q.course), String(q.territory)), n);
    }
  }

  /** The territory's quota on the course; null when the course sets none for it (then only capacity limits). */
  quota(course: string, territory: string): number | null {
    const k = key(course, territory);
    return this.places.has(k) ? (this.places.get(k) as number) : null;
  }

  usedBy(course: string, territory: string): number {
    return this.counts.used(course, territory) + (this.taken.get(key(course, territory)) ?? 0);
  }

  left(course: string, territory: string): number | null {
    const q = this.quota(course, territory);
    return q === null ? null : Math.max(0, q - this.usedBy(course, territory));
  }

  take(course: string, territory: string): void {
    const k = key(course, territory);
    this.taken.set(k, (this.taken.get(k) ?? 0) + 1);
  }
}
