// Generated documents in the local bank: HTML files under <data>/documents/<год>/<группа>/, replaced on regeneration.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DocumentStore } from '../core/ports';
import { PRIVATE_DIR, PRIVATE_FILE } from './xlsx-files';

const safe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

export class FileDocumentStore implements DocumentStore {
  constructor(private readonly dir: string) {}

  save(folders: readonly string[], name: string, html: string): string {
    const rel = [...folders.map(safe), `${safe(name)}.html`];
    const file = path.join(this.dir, 'documents', ...rel);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, html, { mode: PRIVATE_FILE });
    fs.renameSync(tmp, file);
    return `/documents/${rel.map(encodeURIComponent).join('/')}`;
  }
}
