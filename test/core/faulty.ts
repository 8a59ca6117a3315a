// Crash injection: workbooks whose n-th write throws before it happens, shared by the crash tests.
import type { BookStore, Table, Where, Workbook } from '../../src/core/ports';
import type { SheetSpec } from '../../src/core/sheets/spec';

export class Crash extends Error {}

/** Wraps a workbook so that the n-th write (counted across all wrapped workbooks) throws before it happens. */
export const faulty = (wb: Workbook, budget: { left: number; writes: number }): Workbook => ({
  id: wb.id,
  has: (s: SheetSpec) => wb.has(s),
  ensure: (s: SheetSpec) => wb.ensure(s),
  protectFor: (specs: readonly SheetSpec[], editors: readonly string[]) => wb.protectFor(specs, editors),
  sheetNames: () => wb.sheetNames(),
  keepPersonal: (s: SheetSpec, person: string) => wb.keepPersonal(s, person),
  table: <K extends string>(s: SheetSpec<K>): Table<K> => {
    const t = wb.table(s);
    const write =
      <A extends unknown[], R>(fn: (...a: A) => R) =>
      (...a: A): R => {
        budget.writes++;
        if (budget.left-- === 0) throw new Crash(`crash before write ${budget.writes} (${s.name})`);
        return fn(...a);
      };
    return {
      spec: t.spec,
      read: () => t.read(),
      ids: () => t.ids(),
      tail: (n: number) => t.tail(n),
      readFound: () => t.readFound(),
      readKeys: <P extends K>(k: readonly P[]) => t.readKeys(k),
      readAt: (i: readonly number[]) => t.readAt(i),
      readColumns: <P extends K>(k: readonly P[]) => t.readColumns(k),
      find: <P extends K>(k: P, v: readonly string[], and?: Where<K>) => t.find(k, v, and),
      present: (ids: readonly string[]) => t.present(ids),
      count: () => t.count(),
      append: write((rows) => t.append(rows)),
      updateByIds: write((p) => t.updateByIds(p)),
      deleteByIds: write((ids) => t.deleteByIds(ids)),
      replaceAll: write((rows) => t.replaceAll(rows)),
      sortBy: write((keys) => t.sortBy(keys)),
    };
  },
});

export const faultyBooks = (books: BookStore, budget: { left: number; writes: number }): BookStore => ({
  ...books,
  create: (n, s) => books.create(n, s),
  editors: (id) => books.editors(id),
  share: (id, a, r) => books.share(id, a, r),
  changedSince: (s) => books.changedSince(s),
  open: (id) => faulty(books.open(id), budget),
});
