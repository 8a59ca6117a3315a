// What a server function needs, as ports: the same handlers run in Apps Script (src/gas/compose.ts builds the App for
// each execution) and in the local bank (LocalBank.app, per request). Passed in explicitly; nothing module-level.

import type { BookStore, Clock, DocumentStore, Identity, Lock, Mailer, Properties, Workbook } from '../core/ports';
import type { StatsPublisher } from '../core/use-cases/statistics';

export interface App {
  readonly master: Workbook;
  readonly books: BookStore;
  /** The subdivisions' cabinets (their own Drive folder). */
  readonly cabinets: BookStore;
  readonly clock: Clock;
  readonly identity: Identity;
  readonly lock: Lock;
  readonly properties: Properties;
  readonly mailer: Mailer;
  readonly documents: DocumentStore;
  readonly statsPublisher: StatsPublisher;
  /** A short message in the sheet (Apps Script: a toast); never fails the action. */
  notify(text: string): void;
  /** Rewrites the application Form's course list (one write). */
  setFormCourses(labels: readonly string[], help: string): void;
}
