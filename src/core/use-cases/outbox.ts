// The outbox: mail is queued with the operation that causes it and sent later within the daily quota.
import type { Clock, Mailer, Table } from '../ports';
import { LETTER_STATUS } from '../sheets/master';
import type { Row } from '../sheets/spec';

export interface Letter {
  /** Stable per cause (e.g. `2026-000123/отклонена`): queuing the same letter twice is a no-op. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/** What queuing these letters takes: the look-up now, the append when `write` is called (a move batches it). */
export interface QueuedLetters {
  readonly count: number;
  write(): void;
}

export const prepareLetters = (outbox: Table, letters: readonly Letter[], clock: Clock): QueuedLetters => {
  if (!letters.length) return { count: 0, write: () => undefined };
  const present = outbox.present(letters.map((l) => l.id));
  const fresh = letters.filter((l) => l.to && !present.has(l.id));
  return {
    count: fresh.length,
    write: () => outbox.append(fresh.map((l) => ({ ...l, createdAt: clock.now(), status: LETTER_STATUS.queued, sentAt: '', attempts: 0, error: '' }))),
  };
};

export const queueLetters = (outbox: Table, letters: readonly Letter[], clock: Clock): number => {
  const queued = prepareLetters(outbox, letters, clock);
  queued.write();
  return queued.count;
};

/** After this many failures a letter stays «ошибка» for a person to look at. */
export const MAX_ATTEMPTS = 5;

export interface SendReport {
  readonly sent: number;
  readonly failed: number;
  readonly waiting: number;
}

/** Said of a letter a run stopped sending: it may have gone out, so it is not sent again (never twice). */
export const INTERRUPTED_LETTER = 'отправка прервана: письмо могло уйти — проверьте и при необходимости поставьте «ждёт»';

/** Merges several letters to one person into one (the digest); the default text when no template is given. */
export type Digest = (to: string, letters: readonly { subject: string; body: string }[]) => { subject: string; body: string };

const plainDigest: Digest = (_to, letters) => ({
  subject: `ИРО ПК: сообщений о ваших заявках — ${letters.length}`,
  body: letters.map((l) => `— ${l.subject} —\n\n${l.body}`).join('\n\n\n'),
});

/**
 * Sends waiting letters within the remaining daily quota, at most once each (the caller holds the script lock): the
 * batch is marked «отправляется» before the first send and gets its outcome after; a letter a stopped run left
 * «отправляется» is marked failed, not sent again. When the quota would not carry every waiting letter, each person's
 * letters go as one digest (people in the order their first letter was queued); the rest wait for the next day's quota.
 * One read, two batches of row updates.
 */
export const sendOutbox = (outbox: Table, mailer: Mailer, clock: Clock, digest: Digest = plainDigest): SendReport => {
  const rows = outbox.read();
  const stranded = rows.filter((r) => r.status === LETTER_STATUS.sending);
  if (stranded.length)
    outbox.updateByIds(new Map(stranded.map((r) => [String(r.id), { status: LETTER_STATUS.failed, attempts: MAX_ATTEMPTS, error: INTERRUPTED_LETTER }])));
  const all = rows.filter((r) => r.status === LETTER_STATUS.queued || (r.status === LETTER_STATUS.failed && Number(r.attempts) < MAX_ATTEMPTS));
  if (!all.length) return { sent: 0, failed: 0, waiting: 0 };
  let budget = mailer.remaining();
  const byPerson = new Map<string, Row[]>();
  for (const l of all) {
    const k = String(l.to).trim().toLowerCase();
    const list = byPerson.get(k);
    if (list) list.push(l);
    else byPerson.set(k, [l]);
  }
  const mails: Row[][] = all.length > budget ? [...byPerson.values()] : all.map((l) => [l]);
  const batch = mails.slice(0, Math.max(0, budget));
  if (!batch.length) return { sent: 0, failed: 0, waiting: all.length };
  outbox.updateByIds(new Map(batch.flat().map((l) => [String(l.id), { status: LETTER_STATUS.sending }])));
  const patches = new Map<string, Partial<Row>>();
  let sent = 0;
  let failed = 0;
  for (const letters of batch) {
    if (budget <= 0) break;
    const to = String(letters[0].to);
    const mail =
      letters.length === 1
        ? { subject: String(letters[0].subject), body: String(letters[0].body) }
        : digest(
            to,
            letters.map((l) => ({ subject: String(l.subject), body: String(l.body) })),
          );
    try {
      mailer.send(to, mail.subject, mail.body);
      for (const l of letters) patches.set(String(l.id), { status: LETTER_STATUS.sent, sentAt: clock.now(), attempts: Number(l.attempts || 0) + 1, error: '' });
      sent += letters.length;
      budget--;
    } catch (e) {
      for (const l of letters)
        patches.set(String(l.id), { status: LETTER_STATUS.failed, attempts: Number(l.attempts || 0) + 1, error: e instanceof Error ? e.message : String(e) });
      failed += letters.length;
    }
  }
  outbox.updateByIds(patches);
  return { sent, failed, waiting: all.length - sent };
};
