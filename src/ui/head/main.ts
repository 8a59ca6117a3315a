// «Начальник отдела»: the subdivision's course leaders (the regulation's password list) — add and remove.

import type { RpcApi } from '../../app/rpc-contract';
import { accessSection } from '../shared/access-view';
import { headBoard } from '../shared/board-view';
import { busy, clear, h, say, showView, unavailable } from '../shared/dom';
import { call } from '../shared/rpc-client';

const app = document.getElementById('app') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;

type AccessList = RpcApi['getAccessList']['result'];

const render = async (): Promise<void> => {
  const list = await busy(null, statusEl, 'Загрузка…', () => call('getAccessList'));
  if (list) show(list);
  else unavailable(app);
};

/** Draws the page from an access list: loaded, or returned refreshed by a grant or revoke. */
const show = (list: AccessList): void => {
  say(statusEl, '');
  showView(
    app,
    h(
      'div',
      {},
      h('h1', {}, `Подразделение ${list.scope || ''}`.trim()),
      h(
        'p',
        { class: 'muted' },
        'Руководители курсов работают в боковой панели «Руководитель курсов». Курсы подразделения — в меню ЕБППК → «Руководитель курсов».',
      ),
      accessSection(list, statusEl, show),
      board,
    ),
  );
  void loadBoard();
};

/** The control board (issue 17) below the leaders' list, loaded after it. */
const board = h('div', {});
const loadBoard = async (): Promise<void> => {
  const b = await busy(null, statusEl, 'Загружаю контроль…', () => call('getControlBoard'));
  if (!b) return;
  say(statusEl, '');
  clear(board);
  board.append(headBoard(b));
};

void render();
