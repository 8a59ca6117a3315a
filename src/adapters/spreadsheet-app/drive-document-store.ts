// Generated documents in Drive: «ЕБППК / <год> / <группа>», HTML converted to PDF by Apps Script, replaced on regeneration.
import type { DocumentStore } from '../../core/ports';

type Folder = GoogleAppsScript.Drive.Folder;

const child = (parent: Folder, name: string): Folder => {
  const it = parent.getFoldersByName(name);
  return it.hasNext() ? it.next() : parent.createFolder(name);
};

export class DriveDocumentStore implements DocumentStore {
  save(folders: readonly string[], name: string, html: string): string {
    const folder = folders.reduce((f, n) => child(f, n), DriveApp.getRootFolder());
    const file = `${name}.pdf`;
    // The old version goes first: there are never two versions that disagree.
    const old = folder.getFilesByName(file);
    while (old.hasNext()) old.next().setTrashed(true);
    const pdf = Utilities.newBlob(html, 'text/html', `${name}.html`).getAs('application/pdf').setName(file);
    return folder.createFile(pdf).getUrl();
  }
}
