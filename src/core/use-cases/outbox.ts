// The outbox: mail is queued with the operation that causes it and sent later within the daily quota.
import type { Clock, Mailer, Table } from '../ports';
import type { Row } from '../sheets/spec';

export interface Letter {
  /** Stable per cause (e.g. `2026-000123/отклонена`): queuing the same letter twice is a no-op. */
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

export const queueLetters = (outbox: Table, letters: readonly Letter[], clock: Clock): number => {
  if (!letters.length) return 0;
  const present = new Set(outbox.ids());
  const fresh = letters.filter((l) => l.to && !present.has(l.id));
  outbox.append(fresh.map((l) => ({ ...l, createdAt: clock.now(), status: 'ждёт', sentAt: '', attempts: 0, error: '' })));
  return fresh.length;
};

/** After this many failures a letter stays «ошибка» for a person to look at. */
export const MAX_ATTEMPTS = 5;

export interface SendReport {
  readonly sent: number;
  readonly failed: number;
  readonly waiting: number;
}

/** Sends waiting letters within the remaining daily quota; one outbox read, one batch of row updates. */
export const sendOutbox = (outbox: Table, mailer: Mailer, clock: Clock): SendReport => {
  const waiting = outbox.read().filter((r) => r.status === 'ждёт' || (r.status === 'ошибка' && Number(r.attempts) < MAX_ATTEMPTS));
  if (!waiting.length) return { sent: 0, failed: 0, waiting: 0 };
  let budget = mailer.remaining();
  const patches = new Map<string, Partial<Row>>();
  let sent = 0;
  let failed = 0;
  for (const l of waiting) {
    if (budget <= 0) break;
    const attempts = Number(l.attempts || 0) + 1;
    try {
      mailer.send(String(l.to), String(l.subject), String(l.body));
      patches.set(String(l.id), { status: 'отправлено', sentAt: clock.now(), attempts, error: '' });
      sent++;
      budget--;
    } catch (e) {
      patches.set(String(l.id), { status: 'ошибка', attempts, error: e instanceof Error ? e.message : String(e) });
      failed++;
    }
  }
  outbox.updateByIds(patches);
  return { sent, failed, waiting: waiting.length - sent };
};
