// «Справка» sidebar: shows the bank's version and the caller's own role, fetched through the shared RPC client.
import { call, status } from '../shared/rpc-client';

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

export const render = async (): Promise<void> => {
  const st = $('status');
  status(st, 'Загрузка…', 'busy');
  try {
    const info = await call('getHelpInfo');
    $('app').textContent = info.app;
    $('version').textContent = `${info.version} / ${info.bankSchema || 'банк не настроен'}`;
    $('email').textContent = info.email || 'не удалось определить';
    $('role').textContent = info.roleLabel;
    $('scope').textContent = info.scope || '—';
    if (info.message) status(st, info.message, 'error');
    else status(st, '', 'ok');
  } catch (e) {
    status(st, (e as Error).message, 'error');
  }
};

void render();
