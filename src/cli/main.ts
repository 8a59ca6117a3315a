// `npx ebppk <command>`: the bank from Node over Google's APIs. `run` is the whole tool (the bin calls it; the tests call
// it in-process with a stand-in of Google's endpoints); it returns the exit code and never throws.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { clockOf } from '../adapters/clock';
import type { Clock } from '../core/ports';
import { audit } from './audit';
import { authClient, loginOAuth, loginServiceAccount, logout, systemBrowser } from './auth';
import { backup } from './backup';
import { CliError, configDir, type Env, loadSettings, masterId, saveSettings } from './config';
import { claspScriptId, deploy } from './deploy';
import { connect, type Google } from './google';
import { consoleOutput, type Output } from './progress';
import { exportFrdoFile, statsFile } from './reports';
import { restoreLocal } from './restore';

export interface Context {
  readonly env: Env;
  readonly out: Output;
  /** The project's folder (build/, build-cabinet/, .clasp*.json, scripts/). */
  readonly root: string;
  /** Builds build/ and build-cabinet/ (deploy); the bin runs scripts/build.mjs. */
  readonly build?: () => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly openBrowser?: (url: string) => void;
  /** restore-local: called with the running server (tests close it; the bin keeps it running). */
  readonly onServer?: (s: { close(): void; url: string }) => Promise<void> | void;
  /** Receives the Google connection each command made (tests and the bench count its requests). */
  readonly onGoogle?: (g: Google) => void;
}

export const HELP = `ebppk — ЕБППК из командной строки (Google Drive, Sheets и Apps Script API)

  ebppk login --client client_secret.json [--master ID] [--no-browser]   вход в Google (OAuth, ключ в ${'~'}/.config/ebppk, 0600)
  ebppk login --service-account key.json [--master ID]                     вход сервисным аккаунтом (без deploy)
  ebppk logout                                                              забыть вход
  ebppk deploy [--dry-run] [--no-build]         код в мастер-таблицу, шаблон кабинета и все кабинеты
  ebppk backup [--out DIR] [--keep N]           все книги банка в .xlsx (папка с датой, manifest.json)
  ebppk restore-local DIR [--writable] [--port N] [--now 2026-12-31T23:30]   открыть копию как локальный банк
  ebppk audit [--fix] [--close-master]          права на файлы банка против листа «Доступ»
  ebppk export-frdo --year Y --out file.xlsx [--subdivision КОД]
  ebppk stats --from ГГГГ-ММ-ДД --to ГГГГ-ММ-ДД [--subdivision КОД] [--out file.xlsx]

Общие: --master ID (или EBPPK_MASTER, или сохранённый login --master). Коды выхода: 0 — готово, 1 — ошибка или
расхождения, 2 — неверная команда, 3 — нужен вход, 4 — API не включён.`;

const google = (ctx: Context): Google => {
  const g = connect({ auth: authClient(ctx.env).client, rootUrl: ctx.env.EBPPK_GOOGLE_ROOT || undefined, sleep: ctx.sleep });
  ctx.onGoogle?.(g);
  return g;
};

const positiveInt = (v: string | undefined, name: string, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name}: целое число не меньше 1.`, 2);
  return n;
};

/** 0 lets the system pick a free port. */
const portOf = (v: string | undefined): number => {
  const n = Number(v ?? 8080);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CliError('--port: номер порта от 0 до 65535.', 2);
  return n;
};

const COMMON = { master: { type: 'string' as const } };

export const run = async (argv: readonly string[], ctx: Context): Promise<number> => {
  const [command, ...rest] = argv;
  const o = ctx.out;
  const parse = (options: Record<string, { type: 'string' | 'boolean' }>, positionals = false) => {
    const r = parseArgs({ args: rest, options: { ...COMMON, ...options }, allowPositionals: positionals, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  };
  try {
    switch (command) {
      case 'login': {
        const { values } = parse({ client: { type: 'string' }, 'service-account': { type: 'string' }, 'no-browser': { type: 'boolean' } });
        if (values.master) saveSettings(ctx.env, { ...loadSettings(ctx.env), master: masterId(ctx.env, values.master as string) });
        if (values['service-account']) {
          const email = loginServiceAccount(ctx.env, values['service-account'] as string);
          o.out(`Вход сервисным аккаунтом ${email} сохранён (${configDir(ctx.env)}). Откройте ему мастер-таблицу и книги банка как редактору.`);
          o.out('Apps Script API не работает с сервисными аккаунтами: «ebppk deploy» выполняйте под своей учётной записью.');
          return 0;
        }
        const client = (values.client as string | undefined) ?? ctx.env.EBPPK_CLIENT;
        if (!client) throw new CliError('Укажите файл OAuth-клиента: ebppk login --client client_secret.json (README: «Командная строка»).', 2);
        const file = await loginOAuth(ctx.env, client, {
          say: (l) => o.err(l),
          openBrowser: values['no-browser'] ? () => undefined : (ctx.openBrowser ?? systemBrowser),
        });
        const g = google(ctx);
        const about = await g.call('drive', 'учётная запись', () => g.drive.about.get({ fields: 'user(emailAddress)' }));
        o.out(`Вы вошли как ${about.user?.emailAddress}. Ключ сохранён в ${file} (доступ только у вас).`);
        return 0;
      }
      case 'logout': {
        parse({});
        o.out(logout(ctx.env) ? 'Вход забыт.' : 'Вход не был сохранён.');
        return 0;
      }
      case 'deploy': {
        const { values } = parse({ 'dry-run': { type: 'boolean' }, 'no-build': { type: 'boolean' } });
        const id = masterId(ctx.env, values.master as string | undefined);
        if (!values['no-build'] && !values['dry-run']) {
          o.err('Сборка…');
          ctx.build?.();
        }
        const outcomes = await deploy(google(ctx), id, o, {
          dryRun: Boolean(values['dry-run']),
          masterScriptId: claspScriptId(path.join(ctx.root, '.clasp.json')),
          templateScriptId: claspScriptId(path.join(ctx.root, '.clasp-cabinet.json')),
          masterBuild: path.join(ctx.root, 'build'),
          cabinetBuild: path.join(ctx.root, 'build-cabinet'),
          stateFile: path.join(configDir(ctx.env), `deploy-${id}.json`),
        });
        return outcomes.some((x) => x.result === 'failed' || x.result === 'refused') ? 1 : 0;
      }
      case 'backup': {
        const { values } = parse({ out: { type: 'string' }, keep: { type: 'string' } });
        await backup(google(ctx), masterId(ctx.env, values.master as string | undefined), o, {
          out: path.resolve((values.out as string | undefined) ?? 'ebppk-backups'),
          keep: positiveInt(values.keep as string | undefined, '--keep', 30),
        });
        return 0;
      }
      case 'restore-local': {
        const { values, positionals } = parse({ writable: { type: 'boolean' }, port: { type: 'string' }, now: { type: 'string' } }, true);
        if (positionals.length !== 1) throw new CliError('Укажите папку копии: ebppk restore-local <папка>.', 2);
        let clock: Clock;
        try {
          clock = clockOf((values.now as string | undefined) ?? ctx.env.EBPPK_NOW);
        } catch (e) {
          throw new CliError((e as Error).message, 2);
        }
        const r = await restoreLocal(o, {
          dir: positionals[0],
          writable: Boolean(values.writable),
          port: portOf(values.port as string | undefined),
          buildDir: path.join(ctx.root, 'build'),
          clock,
        });
        o.out(`Откройте ${r.url}`);
        await ctx.onServer?.({
          close: () => {
            r.server.closeAllConnections();
            r.server.close();
          },
          url: r.url,
        });
        return 0;
      }
      case 'audit': {
        const { values } = parse({ fix: { type: 'boolean' }, 'close-master': { type: 'boolean' } });
        const r = await audit(google(ctx), masterId(ctx.env, values.master as string | undefined), o, {
          fix: Boolean(values.fix),
          closeMaster: Boolean(values['close-master']),
          cabinetBuild: path.join(ctx.root, 'build-cabinet'),
          clock: clockOf(ctx.env.EBPPK_NOW),
        });
        return r.remaining ? 1 : 0;
      }
      case 'export-frdo': {
        const { values } = parse({ year: { type: 'string' }, out: { type: 'string' }, subdivision: { type: 'string' } });
        if (!values.year || !values.out) throw new CliError('Нужны --year ГГГГ и --out файл.xlsx.', 2);
        await exportFrdoFile(google(ctx), masterId(ctx.env, values.master as string | undefined), o, {
          year: values.year as string,
          out: values.out as string,
          subdivision: (values.subdivision as string | undefined) ?? '',
        });
        return 0;
      }
      case 'stats': {
        const { values } = parse({ from: { type: 'string' }, to: { type: 'string' }, subdivision: { type: 'string' }, out: { type: 'string' } });
        if (!values.from || !values.to) throw new CliError('Нужны --from и --to (ГГГГ-ММ-ДД).', 2);
        await statsFile(google(ctx), masterId(ctx.env, values.master as string | undefined), o, {
          from: values.from as string,
          to: values.to as string,
          subdivision: (values.subdivision as string | undefined) ?? '',
          out: (values.out as string | undefined) ?? null,
        });
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        o.out(HELP);
        return command === undefined ? 2 : 0;
      default:
        o.err(`Неизвестная команда «${command}».\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof CliError) {
      o.err(e.message);
      return e.exitCode;
    }
    // parseArgs: an unknown or malformed option
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      o.err(`${(e as Error).message}\n\n${HELP}`);
      return 2;
    }
    o.err(`Непредвиденная ошибка: ${(e as Error).stack ?? e}`);
    return 1;
  }
};

/** The bin: real console, real browser, real build; exit with the command's code (restore-local keeps serving). */
export const cli = async (root: string): Promise<void> => {
  const { execFileSync } = await import('node:child_process');
  const code = await run(process.argv.slice(2), {
    env: process.env,
    out: consoleOutput(),
    root,
    build: () => execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' }),
    onServer: () => new Promise<void>(() => undefined),
  });
  process.exitCode = code;
};
