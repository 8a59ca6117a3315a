// The local bank is for this computer only: its sign-in is a demo picker, so it listens on loopback and refuses
// to serve any other interface; the RPC endpoint serves the server functions and nothing inherited.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocal } from './server-harness';
import { buildServer, startServer } from './server-process';

let SERVER = '';

/** The machine's addresses other than loopback (none in some sandboxes). */
const otherAddresses = (): string[] =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);

const connects = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('the local bank on the network', () => {
  beforeAll(async () => {
    SERVER = await buildServer('network-test-server');
  }, 60000);

  it('listens on 127.0.0.1 only: another interface of the machine is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-net-'));
    const { child, port } = await startServer(SERVER, dir);
    try {
      expect(await connects('127.0.0.1', port)).toBe(true);
      for (const address of otherAddresses()) expect(await connects(address, port)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120000);

  it('refuses to start on another interface, saying why in Russian', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ebppk-net-'));
    let stderr = '';
    try {
      execFileSync(process.execPath, [SERVER, '--host', '0.0.0.0'], {
        env: { ...process.env, EBPPK_DATA: dir, PORT: '0', EBPPK_JOB_SECONDS: '3600' },
        encoding: 'utf8',
        stdio: 'pipe',
        timeout: 30000,
        killSignal: 'SIGKILL',
      });
    } catch (e) {
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(stderr).toContain('Локальный банк слушает только этот компьютер (127.0.0.1)');
  }, 60000);

  it('serves only the server functions: inherited names are not found, a malformed body is a 400 in Russian', async () => {
    const local = await startLocal();
    try {
      const post = (name: string, body: string) =>
        fetch(`${local.url}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...local.as('sector@demo.local') }, body });
      for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) expect((await post(name, '[]')).status).toBe(404);
      const malformed = await post('getHelpInfo', '{not json');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ error: 'Неверный запрос: ожидался список аргументов в JSON.' });
      expect((await post('getHelpInfo', '[]')).status).toBe(200);
    } finally {
      await local.close();
    }
  }, 60000);
});
