// Google's official Node clients (Drive v3, Sheets v4, Apps Script v1) behind one `call`: every request is counted,
// retried with jittered exponential back-off on 429 and 5xx (Retry-After honoured), and its failure said in Russian
// with what to do. The clients' own retry is off, so the count and the delays are ours and deterministic in tests.
import { type drive_v3, drive as makeDrive } from '@googleapis/drive';
import { script as makeScript, type script_v1 } from '@googleapis/script';
import { sheets as makeSheets, type sheets_v4 } from '@googleapis/sheets';
import { type AuthClient, TRANSPORT } from './auth';
import { CliError } from './config';

export interface GoogleOptions {
  readonly auth: AuthClient;
  /** The APIs' root (tests: the local stand-in); Google's own when undefined. */
  readonly rootUrl?: string;
  /** Waits between attempts (tests pass one that records and resolves at once). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly maxAttempts?: number;
}

export interface Google {
  readonly drive: drive_v3.Drive;
  readonly sheets: sheets_v4.Sheets;
  readonly script: script_v1.Script;
  readonly auth: AuthClient;
  /** Runs one request of `api` with retries; `what` names it in messages («экспорт «ЕБППК — Пермь»»). */
  call<T>(api: Api, what: string, request: () => Promise<{ data: T }>): Promise<T>;
  /** Requests sent (retries included), by API: what the bench and the tests count. */
  readonly counts: Record<Api, number> & { retries: number };
}

export type Api = 'drive' | 'sheets' | 'script';

interface HttpError {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

const statusOf = (e: HttpError): number | undefined => e.response?.status ?? e.status ?? (typeof e.code === 'number' ? e.code : undefined);

const header = (headers: unknown, name: string): string | null => {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const v = (headers as Record<string, unknown>)[name] ?? (headers as Record<string, unknown>)[name.toLowerCase()];
  return v === undefined ? null : String(v);
};

interface ApiError {
  code?: number;
  message?: string;
  status?: string;
  errors?: Array<{ reason?: string; message?: string }>;
  details?: Array<{ reason?: string; metadata?: Record<string, string> }>;
}

const apiError = (e: HttpError): ApiError => {
  const data = e.response?.data;
  if (data && typeof data === 'object' && 'error' in data && typeof (data as { error: unknown }).error === 'object') return (data as { error: ApiError }).error;
  return { message: e.message };
};

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** The reasons Google gives for a rate limit on 403 (older APIs) as well as 429. */
const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);

const isRetryable = (e: HttpError): boolean => {
  const s = statusOf(e);
  if (s !== undefined && RETRYABLE.has(s)) return true;
  if (s === 403) return (apiError(e).errors ?? []).some((x) => RATE_REASONS.has(String(x.reason)));
  // No answer at all (a dropped connection, a timeout): worth another attempt.
  return s === undefined;
};

/** What failed underneath fetch: `fetch failed` says nothing, its cause does (ECONNRESET, other side closed…). */
const cause = (e: HttpError): string => {
  const c = (e as { cause?: { code?: string; message?: string; cause?: { code?: string; message?: string } } }).cause;
  return String(c?.cause?.code ?? c?.code ?? c?.cause?.message ?? c?.message ?? e.code ?? e.message ?? e);
};

export const SCRIPT_API_SETTINGS = 'https://script.google.com/home/usersettings';

/** Google's error as the user needs it: Russian first, Google's own words after, and the fix. */
export const explain = (what: string, e: HttpError): CliError => {
  const s = statusOf(e);
  const a = apiError(e);
  const google = a.message ? ` (Google: ${a.message})` : '';
  const reasons = [...(a.errors ?? []).map((x) => String(x.reason)), ...(a.details ?? []).map((x) => String(x.reason))];
  const tokenError = (e.response?.data as { error?: unknown } | undefined)?.error;
  if (s === 401 || tokenError === 'invalid_grant')
    return new CliError(`${what}: вход в Google недействителен или истёк — выполните «ebppk login».${google}`, 3);
  if (s === 403 && /has not enabled the Apps Script API/i.test(a.message ?? ''))
    return new CliError(
      `${what}: для этой учётной записи выключен Apps Script API. Включите его: ${SCRIPT_API_SETTINGS} («Google Apps Script API» → вкл.), ` +
        `подождите минуту и повторите. / The Apps Script API is off for this account: turn it on at ${SCRIPT_API_SETTINGS}.${google}`,
      4,
    );
  if (s === 403 && reasons.some((r) => r === 'SERVICE_DISABLED' || r === 'accessNotConfigured')) {
    const url =
      (a.details ?? []).map((d) => d.metadata?.activationUrl).find(Boolean) ??
      /https:\/\/console\.[^\s)]+/.exec(a.message ?? '')?.[0] ??
      'https://console.cloud.google.com/apis/library';
    return new CliError(
      `${what}: в проекте Google Cloud этого клиента не включён нужный API. Включите его: ${url} — и повторите. / The API is not enabled for the Cloud project: ${url}.${google}`,
      4,
    );
  }
  if (s === 403) return new CliError(`${what}: нет прав — у этой учётной записи нет доступа к файлу или действию.${google}`, 5);
  if (s === 404) return new CliError(`${what}: не найдено — файла нет или он не открыт этой учётной записи.${google}`, 6);
  if (s === 429) return new CliError(`${what}: Google ограничил частоту запросов и после повторов; подождите несколько минут.${google}`, 7);
  if (s !== undefined) return new CliError(`${what}: ошибка Google ${s}.${google}`, 8);
  return new CliError(`${what}: нет связи с Google (${cause(e)}).`, 9);
};

export const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 32000;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const connect = (o: GoogleOptions): Google => {
  const common = { auth: o.auth, retry: false, ...TRANSPORT, ...(o.rootUrl ? { rootUrl: o.rootUrl } : {}) };
  const drive = makeDrive({ version: 'v3', ...common });
  const sheets = makeSheets({ version: 'v4', ...common });
  const script = makeScript({ version: 'v1', ...common });
  const counts = { drive: 0, sheets: 0, script: 0, retries: 0 };
  const sleep = o.sleep ?? realSleep;
  const random = o.random ?? Math.random;
  const maxAttempts = o.maxAttempts ?? 6;
  return {
    drive,
    sheets,
    script,
    auth: o.auth,
    counts,
    async call<T>(api: Api, what: string, request: () => Promise<{ data: T }>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        counts[api]++;
        try {
          return (await request()).data;
        } catch (err) {
          const e = err as HttpError;
          if (!isRetryable(e) || attempt >= maxAttempts) throw explain(what, e);
          counts.retries++;
          const after = Number(header(e.response?.headers, 'retry-after'));
          // Full jitter: a random wait up to the exponential cap, so many clients do not retry in step.
          const cap = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
          await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : Math.round(cap * (0.5 + random() / 2)));
        }
      }
    },
  };
};
