// The cost model that turns counted Apps Script calls and cells into an estimated execution time. One place only.
//
// Where the constants come from (replace them with your own figures from the Apps Script executions dashboard):
// - DESIGN.md §5 and Google's "Best practices" page: a call to a spreadsheet service costs "tens to hundreds of
//   milliseconds" because each is a round trip to Google's servers. We take 50 ms for SpreadsheetApp, DriveApp
//   and FormApp calls that touch data (getValues, setValues, openById, searchFiles…), 5 ms for calls that only
//   navigate or build objects locally (getSheetByName, getRange, getLastRow, builders), and 20 ms for Lock and
//   Properties service calls.
// - Cells: community timings of getValues/setValues on large ranges run at roughly 100,000–300,000 cells/s read
//   and 30,000–60,000 cells/s written; we take 0.005 ms per cell read and 0.025 ms per cell written.
// - A TextFinder's `findAll` is one data call; the cells it looks through stay in Google (nothing is serialised to
//   the script). We take 0.0005 ms per cell searched — ten times cheaper than a cell read, in line with community
//   benchmarks where a TextFinder search beat getValues plus a loop on large sheets by several times.
// - `Utilities.formatDate`, `Session.getScriptTimeZone` and `Spreadsheet.getSpreadsheetTimeZone` are priced as
//   navigation: they compute or read metadata the execution already has, without a sheet's data. So is `Range.getRow`
//   of a TextFinder's match (a call per match, counted since session 12; the bank asks it of at most 100 matches a
//   search and reads the column past that).
// Estimates are for comparing designs and spotting regressions, not promises of wall time.

export const MS_PER_DATA_CALL = 50;
export const MS_PER_NAVIGATION_CALL = 5;
export const MS_PER_SERVICE_CALL = 20;
export const MS_PER_CELL_READ = 0.005;
export const MS_PER_CELL_WRITTEN = 0.025;
export const MS_PER_CELL_SEARCHED = 0.0005;

const NAVIGATION =
  /\.(getSheetId|getParent|createTextFinder|getRow|getName|getSheetByName|getRange|getDataRange|getLastRow|getLastColumn|getMaxRows|getMaxColumns|getSheets|getId|getFormUrl|getItems|getTitle|asListItem|hasNext|next|getLastUpdated|getSpreadsheetTimeZone)$|^(Utilities\.formatDate|Session\.getScriptTimeZone)$|^(DataValidationBuilder|SpreadsheetApp\.newDataValidation|SpreadsheetApp\.getActiveSpreadsheet|LockService|PropertiesService)/;
const SERVICE = /^(Lock|Properties)\./;

export interface Counted {
  readonly calls: Record<string, number>;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  /** Cells a TextFinder looked through in Google. */
  readonly cellsSearched?: number;
}

export const classify = (name: string): 'data' | 'navigation' | 'service' => (SERVICE.test(name) ? 'service' : NAVIGATION.test(name) ? 'navigation' : 'data');

export const estimateMs = (c: Counted): number => {
  let ms = 0;
  for (const [name, n] of Object.entries(c.calls)) {
    const kind = classify(name);
    ms += n * (kind === 'data' ? MS_PER_DATA_CALL : kind === 'service' ? MS_PER_SERVICE_CALL : MS_PER_NAVIGATION_CALL);
  }
  return ms + c.cellsRead * MS_PER_CELL_READ + c.cellsWritten * MS_PER_CELL_WRITTEN + (c.cellsSearched ?? 0) * MS_PER_CELL_SEARCHED;
};

/** Calls to spreadsheet, drive and form services (what the table counts). */
export const serviceCalls = (calls: Record<string, number>): number =>
  Object.entries(calls)
    .filter(([k]) => /^(Range|Sheet|Spreadsheet|SpreadsheetApp|Sheets|TextFinder|Protection|DriveApp|File|FileIterator|Folder|FormApp|Form|Item)\./.test(k))
    .reduce((n, [, v]) => n + v, 0);
