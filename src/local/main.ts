// `npm start`: the whole ЕБППК on this machine with no Google account. Data in ./data (EBPPK_DATA), port 8080 (PORT),
// loopback only (127.0.0.1): its sign-in is a demo picker, so it must not be reachable from the network.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBank } from './local-bank';
import { seedDemo } from './seed';
import { createServer, startJobTimer } from './server';

/** Loopback by default; `--host`/EBPPK_HOST may name another loopback address only until the bank has a real sign-in. */
const hostOption = (): string => {
  const i = process.argv.indexOf('--host');
  const host = i >= 0 ? (process.argv[i + 1] ?? '') : (process.env.EBPPK_HOST ?? '127.0.0.1');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new Error(
      `Локальный банк слушает только этот компьютер (127.0.0.1): вход в нём — выбор демонстрационного пользователя, без пароля. Адрес «${host}» не разрешён.`,
    );
  }
  return host;
};

const main = async (): Promise<void> => {
  const dir = path.resolve(process.env.EBPPK_DATA ?? 'data');
  const port = Number(process.env.PORT ?? 8080);
  const buildDir = path.resolve(process.env.EBPPK_BUILD ?? 'build');
  if (process.argv.includes('--fresh') && fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir)) if (/\.(xlsx|json|txt|tmp)$/.test(f)) fs.rmSync(path.join(dir, f));
    console.log(`Данные в ${dir} удалены: банк создаётся заново.`);
  }
  let bank: LocalBank;
  if (LocalBank.exists(dir)) {
    bank = await LocalBank.load(dir);
    console.log(`Банк загружен из ${dir}.`);
  } else {
    bank = LocalBank.empty(dir);
    const r = seedDemo(bank);
    await bank.save();
    console.log(`Создан демонстрационный банк: ${r.applications} заявок, 43 книги территорий (${dir}).`);
  }
  const host = hostOption();
  const server = createServer({ bank, buildDir });
  server.listen(port, host, () => {
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`ЕБППК работает: http://localhost:${actual}/  (остановить: Ctrl+C)`);
  });
  startJobTimer(bank, Number(process.env.EBPPK_JOB_SECONDS ?? 60));
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
