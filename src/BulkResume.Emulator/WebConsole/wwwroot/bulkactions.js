// The bulk actions the emulator runs (the "all matching" dialogs start them; so can any SDK or the CLI): the list,
// newest first, filtered by state, and one action's details. Both read again every POLL_MS while an action they show
// is in progress, and stop when another view is shown.

import { byId, field, fill, h, showError, time } from './dom.js';

/** How often a running action is read again, here and in the dialog. */
export const POLL_MS = 500;

/** The most actions the list reads: more than a week of an emulator's actions in any test. */
const MAX_READ = 1000;

const STATES = { IN_PROGRESS: 'In progress', FINISHED: 'Finished' };

let api = null;
// Bumped by every read and when the view is left, so that an older read or timer never draws over a newer one.
let generation = 0;

export const sleep = (milliseconds) => new Promise((resolve) => { setTimeout(resolve, milliseconds); });

/** Whether an action is over: any state but IN_PROGRESS (the service may add states; an unknown one is not waited on). */
export const ended = (action) => action.state !== 'IN_PROGRESS';

/** A link to an action's details. */
export function actionLink(actionId, text = actionId) {
  return h('a', { href: `#/actions/${encodeURIComponent(actionId)}` }, text);
}

export function initBulkActions(theApi) {
  api = theApi;
  byId('actions-state').onchange = () => showBulkActions();
}

/** Stops the reading again of whichever of the two views was shown. */
export function leaveBulkActions() {
  generation += 1;
}

/**
 * Lists the actions in the chosen state. The API filters each page by state, so a page may be empty while a cursor
 * remains: the list follows the cursor to the end (or MAX_READ) rather than stopping at an empty page.
 */
export async function showBulkActions() {
  const mine = ++generation;
  const state = byId('actions-state').value;
  byId('actions-table').setAttribute('aria-busy', 'true');
  const actions = [];
  let cursor = null;
  try {
    do {
      const answer = await api.bulkActionsPage(state, cursor);
      if (mine !== generation) return;
      actions.push(...(answer.bulkActions ?? []));
      cursor = answer.cursor || null;
    } while (cursor && actions.length < MAX_READ);
  } catch (error) {
    if (mine !== generation) return;
    showError(byId('actions-error'), error.message);
    byId('actions-table').removeAttribute('aria-busy');
    return;
  }
  showError(byId('actions-error'), null);
  byId('actions-table').removeAttribute('aria-busy');
  const shown = actions.slice(0, MAX_READ);
  byId('actions-total').textContent = cursor ? `The newest ${MAX_READ} actions` : describeTotal(shown.length, state);
  fill(byId('actions-rows'), shown.length > 0 ? shown.map(row)
    : h('tr', { class: 'empty' }, h('td', { colspan: 7 }, 'No bulk action.')));
  if (shown.some((action) => !ended(action))) again(mine, showBulkActions);
}

/** One action's details, read again while it runs. */
export async function showBulkAction(actionId) {
  const mine = ++generation;
  byId('action-detail-title').textContent = `Bulk action ${actionId}`;
  let action;
  try {
    action = await api.bulkAction(actionId);
  } catch (error) {
    if (mine !== generation) return;
    fill(byId('action-detail'));
    showError(byId('action-detail-error'), error.message);
    return;
  }
  if (mine !== generation) return;
  showError(byId('action-detail-error'), null);
  fill(byId('action-detail'),
    field('Kind', action.kind),
    field('State', stateText(action)),
    field('Progress', progress(action)),
    field('Total', String(action.total)),
    field('Processed', String(action.processed)),
    field('Filter', filterText(action.filter)),
    field('Created', time(action.createdAt)),
    field('Completed', time(action.completedAt)));
  if (!ended(action)) again(mine, () => showBulkAction(actionId));
}

async function again(mine, read) {
  await sleep(POLL_MS);
  if (mine === generation) read();
}

function describeTotal(count, state) {
  const which = state ? ` ${STATES[state].toLowerCase()}` : '';
  return `${count} bulk action${count === 1 ? '' : 's'}${which}`;
}

function row(action) {
  return h('tr', {},
    h('td', {}, actionLink(action.actionId)),
    h('td', {}, action.kind),
    h('td', {}, stateText(action)),
    h('td', {}, progress(action)),
    h('td', { class: 'url' }, filterText(action.filter)),
    h('td', {}, time(action.createdAt)),
    h('td', {}, time(action.completedAt)));
}

/** The state in words; one the console doesn't know is shown as the API sent it. */
function stateText(action) {
  return STATES[action.state] ?? action.state;
}

/** `processed / total` with a bar. */
function progress(action) {
  const text = `${action.processed} / ${action.total}`;
  return h('div', { class: 'progress' },
    h('progress', { max: Math.max(action.total, 1), value: action.processed, 'aria-label': `${action.actionId}: ${text}` }),
    h('span', {}, text));
}

/** The filter as the action was given it: each parameter and its values, as they go on the wire. */
function filterText(filter) {
  const parts = Object.entries(filter ?? {}).map(([name, values]) => `${name}=${values.join(',')}`);
  return parts.length === 0 ? 'every entry (no filter)' : parts.join(' & ');
}
