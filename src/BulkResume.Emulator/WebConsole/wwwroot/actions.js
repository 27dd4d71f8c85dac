// Resume, restart or delete: on what a filter matches, on ticked rows, or on one entry. One dialog for all of them:
// it says how many entries it acts on and takes the overrides for resume and restart.
// - All matching runs as an async bulk action: the emulator works through the whole selection on its own and the
//   dialog watches its progress. Closing the dialog stops watching, never the action (the API has no way to cancel
//   one): the Bulk actions view shows it.
// - Ticked rows and one entry run here, page by page (by ids). Cancel stops between pages (a page the API is answering
//   is never cut in half) and says what was done.

import { BULK_PAGE } from './api.js';
import { POLL_MS, actionLink, ended, sleep } from './bulkactions.js';
import { byId, describeCount, h, fill, showError } from './dom.js';
import { describe } from './filter.js';

const VERBS = {
  resume: { title: 'Resume', doing: 'Resuming', done: 'Resumed', noun: ['run', 'runs'], effect: 'Each becomes a new run that keeps the failed run\u2019s successful steps and runs the failed step again.' },
  restart: { title: 'Restart', doing: 'Restarting', done: 'Restarted', noun: ['run', 'runs'], effect: 'Each becomes a new run that starts over from the original payload; recorded step results are discarded.' },
  delete: { title: 'Delete', doing: 'Deleting', done: 'Deleted', noun: ['entry', 'entries'], effect: 'The entries leave the DLQ for good; no run is started.' },
};

const OVERRIDES = [
  // [field id, header] for the overrides sent as they are typed; flow control is put together below.
  ['o-retries', 'Upstash-Retries'],
  ['o-delay', 'Upstash-Delay'],
  ['o-labels', 'Upstash-Label'],
  ['o-callback', 'Upstash-Failure-Callback'],
];

const dialog = () => byId('action-dialog');
// A run page by page (`{ canceled }`), while it runs.
let running = null;
// The bulk action the dialog watches (`{ stopped, finish }`), while it watches.
let watching = null;

/** `resumed`, `restarted`, `deleted`. */
export function pastTense(verb) {
  return VERBS[verb].done.toLowerCase();
}

/**
 * Opens the dialog. `target` is `{ kind: 'filter', filter, count }` (what the list shows), `{ kind: 'ids', ids }`
 * (ticked rows) or `{ kind: 'one', dlqId }`. `onFinished(done)` runs after the action ended, whatever its outcome, with the number of entries it acted on.
 */
export function openAction(api, verb, target, onFinished) {
  const words = VERBS[verb];
  const count = target.kind === 'filter' ? target.count : target.kind === 'ids' ? target.ids.length : 1;
  byId('action-title').textContent = `${words.title} ${describeCount(count, ['entry', 'entries'])}`;
  byId('action-summary').textContent = `${summary(words, target, count)} ${words.effect}`;
  byId('overrides').hidden = verb === 'delete';
  byId('overrides').reset();
  for (const input of byId('overrides').elements) input.disabled = false;
  byId('action-progress').hidden = true;
  fill(byId('action-note'));
  byId('action-bar').max = Math.max(count, 1);
  byId('action-bar').value = 0;
  fill(byId('action-outcome'));
  showError(byId('action-error'), null);
  const confirm = byId('action-confirm');
  confirm.textContent = `${words.title} ${describeCount(count, words.noun)}`;
  confirm.hidden = false;
  confirm.disabled = count === 0;
  byId('action-cancel').hidden = false;
  byId('action-cancel').disabled = false;
  byId('action-close').hidden = true;
  confirm.onclick = () => (target.kind === 'filter' ? watch : run)(api, verb, target, count, onFinished);
  byId('action-cancel').onclick = () => {
    if (running) {
      running.canceled = true;
      byId('action-cancel').disabled = true;
      byId('action-bar-label').textContent += ' (stopping after this page)';
    } else {
      dialog().close();
    }
  };
  byId('action-close').onclick = () => dialog().close();
  dialog().showModal();
}

// Escape would close the dialog in the middle of a run, hiding what was done: while running, only Cancel stops it.
// A bulk action goes on without the dialog, so closing it (Escape included) only stops watching.
export function guardActionDialog() {
  dialog().addEventListener('cancel', (event) => { if (running) event.preventDefault(); });
  dialog().addEventListener('close', () => watching?.finish());
}

function summary(words, target, count) {
  const things = describeCount(count, ['entry', 'entries']);
  switch (target.kind) {
    case 'filter': return `${words.title} the ${things} that match: ${describe(target.filter)}. It runs as a bulk action in the emulator, which goes on if you close this dialog.`;
    case 'ids': return `${words.title} the ${things} ticked by hand.`;
    default: return `${words.title} DLQ entry ${target.dlqId}.`;
  }
}

/** The override headers, or an Error naming the field. Blank fields are left out: the run keeps its own value. */
function overrideHeaders() {
  const headers = {};
  const value = (id) => byId(id).value.trim();
  const retries = value('o-retries');
  if (retries !== '' && !/^\d+$/.test(retries)) throw new Error('Retries must be a whole number, 0 or more.');
  for (const [id, header] of OVERRIDES) if (value(id) !== '') headers[header] = value(id);
  const limits = [['parallelism', value('o-fc-parallelism')], ['rate', value('o-fc-rate')], ['period', value('o-fc-period')]]
    .filter(([, v]) => v !== '');
  if (value('o-fc-key') === '' && limits.length > 0) throw new Error('Parallelism, rate and period need a Flow control key.');
  if (value('o-fc-key') !== '' && limits.length === 0) throw new Error('A Flow control key needs a parallelism, a rate or a period.');
  if (value('o-fc-key') !== '') {
    headers['Upstash-Flow-Control-Key'] = value('o-fc-key');
    headers['Upstash-Flow-Control-Value'] = limits.map(([name, v]) => `${name}=${v}`).join(', ');
  }
  return headers;
}

/** Reads the overrides and locks the form for the run: the headers, or null after showing what to fix. */
function begin(verb) {
  let headers;
  try {
    headers = verb === 'delete' ? {} : overrideHeaders();
  } catch (error) {
    showError(byId('action-error'), error.message);
    return null;
  }
  showError(byId('action-error'), null);
  for (const input of byId('overrides').elements) input.disabled = true;
  byId('action-confirm').hidden = true;
  byId('action-progress').hidden = false;
  return headers;
}

/** Starts a bulk action on the filter and watches it until it finishes or the dialog is closed. */
async function watch(api, verb, target, count, onFinished) {
  const words = VERBS[verb];
  const headers = begin(verb);
  if (headers === null) return;
  byId('action-bar-label').textContent = `Starting a bulk action on ${describeCount(count, ['entry', 'entries'])}…`;
  byId('action-cancel').disabled = true;
  let action = null;
  const me = { stopped: false };
  me.finish = () => {
    if (me.stopped) return;
    me.stopped = true;
    watching = null;
    onFinished?.(action?.processed ?? 0);
  };
  watching = me;
  let actionId;
  try {
    ({ actionId } = await api.startBulkAction(verb, target.filter.query, headers));
  } catch (error) {
    if (me.stopped) return;
    watching = null;
    // Nothing was started (a 409 names the action already running on this selection): back to the form, to change it.
    showError(byId('action-error'), `Nothing was started. ${error.message}`);
    for (const input of byId('overrides').elements) input.disabled = false;
    byId('action-confirm').hidden = false;
    byId('action-progress').hidden = true;
    byId('action-cancel').disabled = false;
    return;
  }
  if (me.stopped) return;
  byId('action-cancel').hidden = true;
  byId('action-close').hidden = false;
  fill(byId('action-note'), 'Closing this dialog stops watching, not the action: ', actionLink(actionId, 'see it in Bulk actions'), '.');
  const progress = () => {
    byId('action-bar').max = Math.max(action.total, 1);
    byId('action-bar').value = action.processed;
    byId('action-bar-label').textContent = `${words.doing}: ${action.processed} of ${action.total}`;
  };
  let failure = null;
  try {
    while (!me.stopped) {
      action = await api.bulkAction(actionId);
      if (me.stopped) return;
      progress();
      if (ended(action)) break;
      await sleep(POLL_MS);
    }
  } catch (error) {
    failure = error;
  }
  if (me.stopped) return;
  if (failure) {
    fill(byId('action-outcome'), `Stopped watching bulk action ${actionId}; it may still be running.`);
    showError(byId('action-error'), failure.message);
  } else {
    // The action counted `total` when it was created; entries that left the selection since are not acted on.
    if (action.processed < action.total) byId('action-bar-label').textContent += ' (the others left the selection meanwhile)';
    fill(byId('action-outcome'), `${words.done} ${action.processed}`);
  }
  byId('action-close').focus();
  me.finish();
}

async function run(api, verb, target, count, onFinished) {
  const words = VERBS[verb];
  const headers = begin(verb);
  if (headers === null) return;
  running = { canceled: false };
  let done = 0;
  let newRun = null;
  let failure = null;
  const progress = () => {
    byId('action-bar').value = Math.min(done, count);
    byId('action-bar-label').textContent = `${words.doing}: ${done} of ${count}`;
  };
  progress();
  try {
    for await (const page of pages(api, verb, target, headers)) {
      done += page.count;
      newRun = page.newRun ?? newRun;
      progress();
      if (running.canceled) break;
    }
  } catch (error) {
    failure = error;
  }
  const canceled = running.canceled;
  running = null;
  const left = Math.max(count - done, 0);
  const outcome = failure
    ? `${words.done} ${done}, then it stopped: ${failure.message}`
    : canceled && left > 0
      ? `Canceled. ${words.done} ${done}; ${left} of the ${count} ${left === 1 ? 'was' : 'were'} not ${words.done.toLowerCase()}.`
      : `${words.done} ${done}`;
  const follow = newRun ? h('a', { href: `#/runs/${encodeURIComponent(newRun)}` }, `follow the new run ${newRun}`) : null;
  if (follow) follow.onclick = () => dialog().close();
  fill(byId('action-outcome'), outcome, follow ? [' \u2014 ', follow] : null);
  if (failure) showError(byId('action-error'), failure.message);
  byId('action-cancel').hidden = true;
  byId('action-close').hidden = false;
  byId('action-close').focus();
  onFinished?.(done);
}

/** The requests an action makes, one page at a time: `{ count, newRun? }` each. */
async function* pages(api, verb, target, headers) {
  if (target.kind === 'one') {
    const answer = await api.one(verb, target.dlqId, headers);
    yield { count: 1, newRun: answer?.workflowRunId };
    return;
  }
  if (target.kind === 'ids') {
    // By id the API acts on all or none of at most 50 ids a request.
    for (let i = 0; i < target.ids.length; i += BULK_PAGE) {
      const ids = target.ids.slice(i, i + BULK_PAGE);
      const answer = await api.bulkPage(verb, ids.map((id) => ['dlqIds', id]), null, headers);
      yield { count: acted(verb, answer) };
    }
    return;
  }
  // By filter: exactly the filter the list shows, following the API's cursor until it is done.
  let cursor = null;
  do {
    const answer = await api.bulkPage(verb, target.filter.query, cursor, headers);
    yield { count: acted(verb, answer) };
    cursor = answer?.cursor || null;
  } while (cursor);
}

function acted(verb, answer) {
  return verb === 'delete' ? answer?.deleted ?? 0 : answer?.workflowRuns?.length ?? 0;
}
