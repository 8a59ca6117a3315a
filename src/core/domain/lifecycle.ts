// The application lifecycle (DESIGN.md §2) as one explicit state machine: stages, actions, who may act, which need a reason.
import { ddmmyyyy } from '../dates';
import { err, ok, type Result } from '../result';

export const STAGES = [
  'methodist', // в копилке методиста
  'waitlist', // лист ожидания (still in the methodist's piggy bank)
  'provider', // в копилке поставщика
  'group', // в группе
  'rejected', // отклонена
  'absent', // не явился
  'expelled', // отчислен
  'completed', // завершил обучение
  'withdrawn', // отозвана
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  methodist: 'в копилке методиста',
  waitlist: 'лист ожидания',
  provider: 'в копилке поставщика',
  group: 'в группе',
  rejected: 'отклонена',
  absent: 'не явился',
  expelled: 'отчислен',
  completed: 'завершил обучение',
  withdrawn: 'отозвана',
};

/** Where each stage lives: the users see stages as sheets. */
export type StageSheet = 'territory' | 'provider' | 'group' | 'archive';
export const STAGE_SHEET: Record<Stage, StageSheet> = {
  methodist: 'territory',
  waitlist: 'territory',
  provider: 'provider',
  group: 'group',
  rejected: 'archive',
  absent: 'archive',
  expelled: 'archive',
  completed: 'archive',
  withdrawn: 'archive',
};

export const isActive = (s: Stage): boolean => STAGE_SHEET[s] !== 'archive';

export type Role = 'sector' | 'head' | 'leader' | 'methodist';
/** `system` is the bank itself acting on a rule (quota full). */
export type ActorRole = Role | 'system';

export type Action = 'send' | 'waitlist' | 'unwaitlist' | 'reject' | 'absent' | 'enrol' | 'expel' | 'complete' | 'withdraw' | 'reinstate' | 'unexpel';

interface TransitionRule {
  readonly from: readonly Stage[];
  readonly to: Stage;
  readonly roles: readonly ActorRole[];
  readonly needsReason: boolean;
  readonly label: string;
  /** Narrower source stages for some roles (a leader only reaches applications already at the provider). */
  readonly roleFrom?: Partial<Record<ActorRole, readonly Stage[]>>;
}

export const TRANSITIONS: Record<Action, TransitionRule> = {
  send: { from: ['methodist', 'waitlist'], to: 'provider', roles: ['methodist', 'sector'], needsReason: false, label: 'направить поставщику' },
  waitlist: { from: ['methodist'], to: 'waitlist', roles: ['methodist', 'sector', 'system'], needsReason: false, label: 'в лист ожидания' },
  unwaitlist: { from: ['waitlist'], to: 'methodist', roles: ['methodist', 'sector'], needsReason: false, label: 'вернуть из листа ожидания' },
  reject: { from: ['methodist', 'waitlist'], to: 'rejected', roles: ['methodist', 'sector'], needsReason: true, label: 'отклонить' },
  absent: { from: ['provider'], to: 'absent', roles: ['leader', 'sector'], needsReason: false, label: 'отметить неявку' },
  enrol: { from: ['provider'], to: 'group', roles: ['leader', 'sector'], needsReason: false, label: 'зачислить в группу' },
  expel: { from: ['group'], to: 'expelled', roles: ['leader', 'sector'], needsReason: true, label: 'отчислить' },
  complete: { from: ['group'], to: 'completed', roles: ['leader', 'sector'], needsReason: false, label: 'завершить обучение' },
  withdraw: {
    from: ['methodist', 'waitlist', 'provider'],
    to: 'withdrawn',
    // `system`: the bank carrying out a teacher's withdrawal of consent (the status page).
    roles: ['methodist', 'leader', 'sector', 'system'],
    needsReason: false,
    label: 'отозвать заявку',
    roleFrom: { leader: ['provider'] },
  },
  // Undo of a wrong mark (issue 16), always with a reason; within the undo window for a leader (the use case checks it).
  reinstate: { from: ['absent', 'withdrawn'], to: 'provider', roles: ['leader', 'sector'], needsReason: true, label: 'вернуть в копилку поставщика' },
  unexpel: { from: ['expelled'], to: 'group', roles: ['leader', 'sector'], needsReason: true, label: 'вернуть в группу' },
};

/** Days a leader may undo a wrong «не явился», «отозвана» or «отчислен» (then only the sector); «Настройки»: undoDays. */
export const UNDO_DAYS = 14;

/** Whole local days from `from` to `to` (the day of marking is day 0). */
export const daysBetween = (from: Date, to: Date): number => Math.round((day(to) - day(from)) / 86_400_000);

/** The local day of a moment (midnight): the bank's dates are days in the provider's time zone. */
const day = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

export type TransitionError =
  | { kind: 'illegal-stage'; message: string }
  | { kind: 'forbidden-role'; message: string }
  | { kind: 'reason-required'; message: string };

export interface Transition {
  readonly action: Action;
  readonly from: Stage;
  readonly to: Stage;
  readonly reason: string;
}

/** Decides a transition without applying it: callers apply the returned `Transition` or nothing. */
export const decide = (from: Stage, action: Action, role: ActorRole, reason = ''): Result<Transition, TransitionError> => {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(from)) {
    return err({ kind: 'illegal-stage', message: `Нельзя «${rule.label}»: заявка сейчас «${STAGE_LABELS[from]}».` });
  }
  if (!rule.roles.includes(role) || (rule.roleFrom?.[role] && !rule.roleFrom[role]?.includes(from))) {
    return err({ kind: 'forbidden-role', message: `Действие «${rule.label}» недоступно для вашей роли.` });
  }
  const trimmed = reason.trim();
  if (rule.needsReason && !trimmed) {
    return err({ kind: 'reason-required', message: `Для действия «${rule.label}» укажите причину.` });
  }
  return ok({ action, from, to: rule.to, reason: trimmed });
};

export interface CourseDays {
  readonly startDate?: unknown;
  readonly endDate?: unknown;
}

/** An expelled learner needs a reason (the archive and the order of expulsion say why). */
export const EXPEL_REASON_REQUIRED = 'Для отчисления укажите причину.';

/** A late arrival joins a formed group only while the course's capacity allows. */
export const groupRoom = (group: string, capacity: number, size: number, adding: number): Result<true, string> =>
  capacity > 0 && size + adding > capacity
    ? err(
        `В группе ${group} не хватает мест: вместимость курса ${capacity}, в группе ${size}${
          capacity > size ? ` — добавить можно не больше ${capacity - size}` : ' — мест нет'
        }.`,
      )
    : ok(true);

/**
 * The course's calendar (issue 16): a group is formed on or after the first day (forming sweeps every unticked
 * applicant into «не явился»); completion and certificates on or after the last day (so the issue date, the last
 * day, is never in the future); `started` tells the job to close enrolment (a leader may reopen it for late arrivals
 * until the job's next daily check).
 */
export const courseDateRule = (rule: 'form' | 'complete' | 'started', course: CourseDays, now: Date): Result<true, string> => {
  const start = course.startDate instanceof Date ? course.startDate : null;
  const end = course.endDate instanceof Date ? course.endDate : null;
  if (rule === 'form' && start && day(now) < day(start))
    return err(`Группу формируют в первый день курса или позже (курс начинается ${ddmmyyyy(start)}): до начала отметить явку нельзя.`);
  if (rule === 'complete' && end && day(now) < day(end))
    return err(`Обучение завершают в последний день курса или позже (${ddmmyyyy(end)}): удостоверение не выдаётся будущей датой.`);
  if (rule === 'started' && start && day(now) >= day(start)) return err(`Курс начался ${ddmmyyyy(start)}: запись закрывается.`);
  return ok(true);
};
