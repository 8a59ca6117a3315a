// Generated documents in Drive: «ЕБППК / <год> / <подразделение> / <группа>» in the owner's Drive (only the owner's job
// makes them), HTML converted to PDF by Apps Script, replaced on regeneration, readable by the group's subdivision.
import { tableCsv } from '../../core/documents/render';
import type { DocumentStore } from '../../core/ports';

type Folder = GoogleAppsScript.Drive.Folder;

const child = (parent: Folder, name: string): Folder => {
  const it = parent.getFoldersByName(name);
  return it.hasNext() ? it.next() : parent.createFolder(name);
};

/** The folder path, readable by `readers` (files in it inherit them; adding a reader twice is a no-op in Drive). */
const folderFor = (folders: readonly string[], readers: readonly string[]): Folder => {
  const folder = folders.reduce((f, n) => child(f, n), DriveApp.getRootFolder());
  if (readers.length) folder.addViewers(readers.slice());
  return folder;
};

/** The old version goes first: there are never two versions that disagree. */
const replace = (folder: Folder, blob: GoogleAppsScript.Base.Blob): string => {
  const old = folder.getFilesByName(blob.getName() ?? '');
  while (old.hasNext()) old.next().setTrashed(true);
  return folder.createFile(blob).getUrl();
};

export class DriveDocumentStore implements DocumentStore {
  save(folders: readonly string[], name: string, html: string, readers: readonly string[] = []): string {
    const folder = folderFor(folders, readers);
    return replace(folder, Utilities.newBlob(html, 'text/html', `${name}.html`).getAs('application/pdf').setName(`${name}.pdf`));
  }

  saveTable(folders: readonly string[], name: string, rows: ReadonlyArray<readonly string[]>, readers: readonly string[] = []): string {
    const folder = folderFor(folders, readers);
    return replace(folder, Utilities.newBlob(tableCsv(rows), 'text/csv', `${name}.csv`));
  }
}
