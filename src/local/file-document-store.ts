// Generated documents in the local bank: HTML (and CSV tables) under <data>/documents/<год>/<подразделение>/…, replaced on
// regeneration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tableCsv } from '../core/documents/render';
import type { DocumentStore } from '../core/ports';
import { PRIVATE_DIR, PRIVATE_FILE } from './xlsx-files';

const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export class FileDocumentStore implements DocumentStore {
  constructor(private readonly dir: string) {}

  save(folders: readonly string[], name: string, html: string): string {
    return this.write(folders, `${safe(name)}.html`, html);
  }

  saveTable(folders: readonly string[], name: string, rows: ReadonlyArray<readonly string[]>): string {
    return this.write(folders, `${safe(name)}.csv`, tableCsv(rows));
  }

  private write(folders: readonly string[], file: string, content: string): string {
    const rel = [...folders.map(safe), file];
    const at = path.join(this.dir, 'documents', ...rel);
    fs.mkdirSync(path.dirname(at), { recursive: true, mode: PRIVATE_DIR });
    const tmp = `${at}.tmp`;
    fs.writeFileSync(tmp, content, { mode: PRIVATE_FILE });
    fs.renameSync(tmp, at);
    return `/documents/${rel.map(encodeURIComponent).join('/')}`;
  }
}
