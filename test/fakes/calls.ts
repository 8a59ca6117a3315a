// Counts every faked Apps Script call by `Class.method`, so tests can assert call budgets.
export class Calls {
  readonly counts = new Map<string, number>();
  /** Runs inside a faked call: tests use it to interleave another execution at an exact point. */
  onHit: ((name: string) => void) | null = null;
  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    if (this.onHit) this.onHit(name);
  }
  of(name: string): number {
    return this.counts.get(name) ?? 0;
  }
  /** Calls whose name starts with one of the prefixes (e.g. 'Range.', 'Sheet.'). */
  total(...prefixes: string[]): number {
    let n = 0;
    this.counts.forEach((v, k) => (prefixes.length === 0 || prefixes.some((p) => k.startsWith(p))) && (n += v));
    return n;
  }
  reset(): void {
    this.counts.clear();
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }
}
