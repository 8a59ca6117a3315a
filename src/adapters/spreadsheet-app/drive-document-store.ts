// Generated documents in Drive: «ЕБППК / <год> / <подразделение> / <группа>» in the owner's Drive (only the owner's job
// makes them), HTML converted to PDF by Apps Script, replaced on regeneration, readable by the group's subdivision.
import type { DocumentStore } from '../../core/ports';

type Folder = GoogleAppsScript.Drive.Folder;

const child = (parent: Folder, name: string): Folder => {
  const it = parent.getFoldersByName(name);
  return it.hasNext() ? it.next() : parent.createFolder(name);
};

export class DriveDocumentStore implements DocumentStore {
  save(folders: readonly string[], name: string, html: string, readers: readonly string[] = []): string {
    const folder = folders.reduce((f, n) => child(f, n), DriveApp.getRootFolder());
    // Files in the folder inherit its readers; adding a reader twice is a no-op in Drive.
    if (readers.length) folder.addViewers(readers.slice());
    const file = `${name}.pdf`;
    // The old version goes first: there are never two versions that disagree.
    const old = folder.getFilesByName(file);
    while (old.hasNext()) old.next().setTrashed(true);
    const pdf = Utilities.newBlob(html, 'text/html', `${name}.html`).getAs('application/pdf').setName(file);
    return folder.createFile(pdf).getUrl();
  }
}
