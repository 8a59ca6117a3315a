// Signing in: OAuth for an installed app (loopback redirect + PKCE; the refresh token saved 0600 in the user's config
// directory) or a service-account key (its path saved; the key stays where the administrator keeps it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { auth } from '@googleapis/drive';
import { CliError, configDir, type Env, readJson, writePrivate } from './config';

export type AuthClient = InstanceType<typeof auth.OAuth2>;

/**
 * Node's own fetch for every request of the Google libraries (gaxios would otherwise import node-fetch dynamically, which
 * also fails inside a bundle's vm): one HTTP stack for the clients and the token exchange.
 */
export const TRANSPORT = { fetchImplementation: ((input, init) => fetch(input, init)) as typeof fetch };

/** Drive (export, permissions of the bank's files), Sheets (read the bank, the journal), Apps Script (push code). */
export const SCOPES = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/script.projects',
];

/** What each scope lets the command line do, in the words of the consent screen's purpose. */
const SCOPE_WORDS: Readonly<Record<string, string>> = {
  'https://www.googleapis.com/auth/drive': 'Google Диск (резервные копии, доступ к файлам банка)',
  'https://www.googleapis.com/auth/spreadsheets': 'Google Таблицы (чтение банка, «Журнал»)',
  'https://www.googleapis.com/auth/script.projects': 'проекты Apps Script (загрузка кода банка и кабинетов)',
};

type Saved =
  | { kind: 'oauth'; clientId: string; clientSecret: string; authUri: string; tokenUri: string; refreshToken: string }
  | { kind: 'service-account'; keyFile: string };

export const credentialsFile = (env: Env): string => path.join(configDir(env), 'credentials.json');

interface ClientJson {
  client_id?: string;
  client_secret?: string;
  auth_uri?: string;
  token_uri?: string;
}

const readClient = (file: string): Required<ClientJson> => {
  const raw = readJson<{ installed?: ClientJson; web?: ClientJson }>(path.resolve(file));
  const c = raw?.installed ?? raw?.web;
  if (!c?.client_id || !c.client_secret)
    throw new CliError(
      `${file}: это не файл OAuth-клиента. Скачайте его в Google Cloud Console → «API и сервисы» → «Учётные данные» → OAuth client ID типа «Desktop app» → «Download JSON».`,
    );
  return {
    client_id: c.client_id,
    client_secret: c.client_secret,
    auth_uri: c.auth_uri ?? 'https://accounts.google.com/o/oauth2/auth',
    token_uri: c.token_uri ?? 'https://oauth2.googleapis.com/token',
  };
};

/** Opens the page in the system's browser; where there is none, the printed address is enough. */
export const systemBrowser = (url: string): void => {
  const cmd = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    spawn(cmd, args, { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  } catch {
    // no browser: the user opens the printed address
  }
};

const DONE_PAGE = '<!doctype html><meta charset="utf-8"><title>ЕБППК</title><p>Вход выполнен. Это окно можно закрыть и вернуться в терминал.</p>';

export interface LoginIo {
  readonly say: (line: string) => void;
  readonly openBrowser: (url: string) => void;
  readonly timeoutMs?: number;
}

/** The installed-app flow: a one-shot server on 127.0.0.1, the consent page, the code exchanged with its verifier. */
export const loginOAuth = async (env: Env, clientFile: string, io: LoginIo): Promise<string> => {
  const c = readClient(clientFile);
  const state = randomBytes(16).toString('hex');
  let resolveCode: (code: string) => void = () => undefined;
  let rejectCode: (e: Error) => void = () => undefined;
  const codeP = new Promise<string>((res, rej) => {
    resolveCode = res;
    rejectCode = rej;
  });
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    const error = u.searchParams.get('error');
    if (u.searchParams.get('state') !== state) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Неверный параметр state: начните вход заново.');
      return;
    }
    if (error) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Вход отменён.');
      rejectCode(new CliError(`Google не выдал доступ: ${error}.`));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(DONE_PAGE);
    resolveCode(u.searchParams.get('code') ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const redirectUri = `http://127.0.0.1:${port}`;
  const client = new auth.OAuth2({
    clientId: c.client_id,
    clientSecret: c.client_secret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: c.auth_uri, oauth2TokenUrl: c.token_uri },
    transporterOptions: TRANSPORT,
  });
  const timer = setTimeout(() => rejectCode(new CliError('Вход не завершён за 5 минут: выполните «ebppk login» ещё раз.')), io.timeoutMs ?? 300_000);
  try {
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const url = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: SCOPES,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256' as never,
    });
    io.say(`Откройте в браузере и разрешите доступ / open this page and allow access:\n${url}`);
    io.openBrowser(url);
    const code = await codeP;
    const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri });
    // The consent screen lets a person untick a permission: without it every command would fail later with «нет прав».
    const granted = new Set(String(tokens.scope ?? '').split(' '));
    const missing = SCOPES.filter((x) => !granted.has(x));
    if (missing.length)
      throw new CliError(
        `Вы не разрешили: ${missing.map((x) => SCOPE_WORDS[x] ?? x).join('; ')}. Без этого команды ebppk не работают. Выполните «ebppk login» снова и на странице Google отметьте все разрешения.`,
        3,
      );
    if (!tokens.refresh_token)
      throw new CliError('Google не выдал ключ обновления. Удалите доступ приложения на https://myaccount.google.com/permissions и выполните вход снова.');
    const saved: Saved = {
      kind: 'oauth',
      clientId: c.client_id,
      clientSecret: c.client_secret,
      authUri: c.auth_uri,
      tokenUri: c.token_uri,
      refreshToken: tokens.refresh_token,
    };
    writePrivate(credentialsFile(env), JSON.stringify(saved, null, 1));
    return credentialsFile(env);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Вход не выполнен: ${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause?: Error }).cause?.message})` : ''}`);
  } finally {
    clearTimeout(timer);
    server.close();
  }
};

interface KeyJson {
  type?: string;
  client_email?: string;
  private_key?: string;
  private_key_id?: string;
}

const readKey = (file: string): KeyJson => {
  const k = readJson<KeyJson>(file);
  if (!k) throw new CliError(`Файл ключа ${file} не найден.`);
  if (k.type !== 'service_account' || !k.client_email || !k.private_key)
    throw new CliError(`${file}: это не ключ сервисного аккаунта (нужен JSON-ключ из Google Cloud Console → IAM → Сервисные аккаунты → Ключи).`);
  return k;
};

/** Remembers the key's path (the key itself is not copied). The account must be an editor of the bank's files. */
export const loginServiceAccount = (env: Env, keyFile: string): string => {
  const abs = path.resolve(keyFile);
  const k = readKey(abs);
  const saved: Saved = { kind: 'service-account', keyFile: abs };
  writePrivate(credentialsFile(env), JSON.stringify(saved, null, 1));
  return String(k.client_email);
};

/** The saved sign-in as a client the Google libraries use; refreshes its access token by itself. */
export const authClient = (env: Env): { client: AuthClient; kind: Saved['kind'] } => {
  const file = credentialsFile(env);
  const saved = readJson<Saved>(file);
  if (!saved) throw new CliError('Вы не вошли в Google: выполните «ebppk login --client client_secret.json» (или --service-account key.json).', 3);
  if (saved.kind === 'service-account') {
    const k = readKey(saved.keyFile);
    const jwt = new auth.JWT({ email: k.client_email, key: k.private_key, keyId: k.private_key_id, scopes: SCOPES, transporterOptions: TRANSPORT });
    // A self-signed JWT with the scopes, which Google's APIs accept from a service account: no token endpoint involved.
    jwt.useJWTAccessWithScope = true;
    return { client: jwt, kind: saved.kind };
  }
  const client = new auth.OAuth2({
    clientId: saved.clientId,
    clientSecret: saved.clientSecret,
    endpoints: { oauth2AuthBaseUrl: saved.authUri, oauth2TokenUrl: saved.tokenUri },
    transporterOptions: TRANSPORT,
  });
  client.setCredentials({ refresh_token: saved.refreshToken });
  return { client, kind: saved.kind };
};

export const logout = (env: Env): boolean => {
  const file = credentialsFile(env);
  if (!fs.existsSync(file)) return false;
  fs.rmSync(file);
  return true;
};
