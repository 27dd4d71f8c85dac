// The console's entry point: sign-in, the views and the routes between them (in the URL's fragment, which holds
// ids only: never the token).

import { Api, ApiError } from './api.js';
import { guardActionDialog } from './actions.js';
import { initBulkActions, leaveBulkActions, showBulkAction, showBulkActions } from './bulkactions.js';
import { byId, showError } from './dom.js';
import { apply, initDlq, refresh } from './dlq.js';
import { initEmulator, showEmulator } from './emulator.js';
import { initEntry, showEntry } from './entry.js';
import { initRuns, showRuns } from './runs.js';

// The token lives in this tab's session storage only: gone when the tab closes, never in a URL or a cookie.
const TOKEN_KEY = 'bulkresume.emulator.token';
const VIEWS = ['sign-in', 'dlq', 'entry', 'actions', 'action', 'runs', 'emulator'];

let signedIn = false;
let listed = false;

/**
 * Whether the emulator takes `token` (null: whether it needs one at all). The admin index answers 200 without a token
 * only when the emulator was started without authentication (--no-auth), and the admin API is never faulted, so
 * asking uses up none of a test's injected faults. Answers 'ok', 'refused' or what went wrong.
 */
async function check(token) {
  try {
    await new Api(token).adminIndex();
    return 'ok';
  } catch (error) {
    return error instanceof ApiError && error.status === 401 ? 'refused' : error.message;
  }
}

function show(view) {
  byId('starting').hidden = true;
  for (const name of VIEWS) byId(`view-${name}`).hidden = name !== view;
}

function showSignIn(message) {
  signedIn = false;
  leaveBulkActions();
  byId('nav').hidden = true;
  byId('sign-out').hidden = true;
  listed = false;
  show('sign-in');
  showError(byId('sign-in-error'), message);
  byId('token').focus();
}

function start(token) {
  const api = new Api(token, () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn('The emulator no longer accepts the token (was it restarted with another one?). Sign in again.');
  });
  initDlq(api);
  initEntry(api);
  initBulkActions(api);
  initRuns(api);
  initEmulator(api);
  signedIn = true;
  byId('nav').hidden = false;
  byId('sign-out').hidden = token === null;
  showError(byId('sign-in-error'), null);
  route();
}

async function signIn(event) {
  event.preventDefault();
  const input = byId('token');
  const token = input.value.trim();
  if (token === '') {
    showError(byId('sign-in-error'), 'Give the token the emulator was started with.');
    return;
  }
  const answer = await check(token);
  if (answer !== 'ok') {
    showError(byId('sign-in-error'), answer === 'refused'
      ? 'The emulator refused this token (401). Give the token it was started with (--token, or WorkflowEmulator.Token).'
      : answer);
    return;
  }
  input.value = '';
  sessionStorage.setItem(TOKEN_KEY, token);
  start(token);
}

function route() {
  if (!signedIn) return;
  const [, view = 'dlq', id] = window.location.hash.split('/');
  const decoded = id === undefined ? '' : decodeURIComponent(id);
  leaveBulkActions();
  switch (view) {
    case 'entry':
      show('entry');
      showEntry(decoded);
      break;
    case 'actions':
      if (id === undefined) {
        show('actions');
        showBulkActions();
      } else {
        show('action');
        showBulkAction(decoded);
      }
      break;
    case 'runs':
      show('runs');
      showRuns(decoded);
      break;
    case 'emulator':
      show('emulator');
      showEmulator();
      break;
    default:
      show('dlq');
      // Entries may have left the DLQ while another view was shown: list again, with the same filter and page.
      if (listed) refresh(); else apply();
      listed = true;
  }
}

async function boot() {
  guardActionDialog();
  byId('sign-in-form').onsubmit = signIn;
  byId('sign-out').onclick = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignIn(null);
  };
  window.addEventListener('hashchange', route);
  const open = await check(null);
  if (open === 'ok') {
    start(null);
    return;
  }
  if (open !== 'refused') {
    showSignIn(open);
    return;
  }
  const saved = sessionStorage.getItem(TOKEN_KEY);
  if (saved !== null && await check(saved) === 'ok') {
    start(saved);
    return;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(null);
}

boot();
