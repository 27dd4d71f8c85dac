// One DLQ entry: its message, its run's steps (from the run logs), and the actions on this one entry.

import { openAction, pastTense } from './actions.js';
import { block, byId, field, fill, h, showError, time } from './dom.js';
import { stepGroups } from './steps.js';

let api = null;
let shown = null;

export function initEntry(theApi) {
  api = theApi;
  for (const verb of ['resume', 'restart', 'delete']) {
    byId(`one-${verb}`).onclick = () => openAction(api, verb, { kind: 'one', dlqId: shown.dlqId }, (done) => { if (done > 0) gone(verb); });
  }
  byId('one-callback-retry').onclick = () => callback('retry');
  byId('one-callback-cancel').onclick = () => callback('cancel');
}

export async function showEntry(dlqId) {
  shown = null;
  byId('entry-title').textContent = `DLQ entry ${dlqId}`;
  fill(byId('entry-message'));
  fill(byId('entry-steps'));
  fill(byId('entry-status'));
  showError(byId('entry-error'), null);
  setActions(false);
  let entry;
  try {
    entry = await api.entry(dlqId);
  } catch (error) {
    showError(byId('entry-error'), error.message);
    return;
  }
  shown = entry;
  renderMessage(entry);
  setActions(true);
  try {
    // Several runs may share an id: the creation time picks the one this entry stands for.
    const logs = await api.runs([['workflowRunId', entry.workflowRunId], ['workflowCreatedAt', String(entry.workflowCreatedAt)]]);
    const run = (logs.runs ?? [])[0];
    fill(byId('entry-steps'), run ? stepGroups(run) : h('p', { class: 'note' }, 'The run logs have no run for this entry.'));
  } catch (error) {
    showError(byId('entry-error'), error.message);
  }
}

function setActions(enabled) {
  const state = shown?.failureFunctionState;
  for (const verb of ['resume', 'restart', 'delete']) byId(`one-${verb}`).disabled = !enabled;
  byId('one-callback-retry').disabled = !enabled || state !== 'CALLBACK_FAIL';
  byId('one-callback-cancel').disabled = !enabled || state !== 'CALLBACK_INPROGRESS';
}

function renderMessage(entry) {
  const flowControl = entry.flowControlKey
    ? [entry.flowControlKey, entry.parallelism && `parallelism ${entry.parallelism}`, entry.rate && `rate ${entry.rate}`, entry.period && `period ${entry.period}s`].filter(Boolean).join(', ')
    : null;
  const body = entry.body ?? (entry.bodyBase64 ? `(base64) ${entry.bodyBase64}` : null);
  const responseBody = entry.responseBody ?? (entry.responseBodyBase64 ? `(base64) ${entry.responseBodyBase64}` : null);
  const callbackState = entry.failureFunctionState ?? entry.failureCallbackInfo?.state;
  fill(byId('entry-message'),
    field('Workflow URL', entry.workflowUrl),
    field('Workflow run id', h('a', { href: `#/runs/${encodeURIComponent(entry.workflowRunId)}` }, entry.workflowRunId)),
    field('Run created', time(entry.workflowCreatedAt)),
    field('Failed at', time(entry.createdAt)),
    field('URL', entry.url),
    field('Method', entry.method),
    field('Headers', block(entry.header)),
    field('Body', block(body)),
    field('Max retries', String(entry.maxRetries ?? '')),
    field('Labels', (entry.labels ?? []).join(', ')),
    field('Flow control', flowControl),
    field('Caller IP', entry.callerIP),
    field('Response status', String(entry.responseStatus ?? '')),
    field('Response headers', block(entry.responseHeader)),
    field('Response body', block(responseBody)),
    field('Failure callback', entry.failureCallback),
    field('Failure callback state', callbackState),
    field('Failure callback answer', entry.failureCallbackInfo?.responseStatus !== undefined
      ? [String(entry.failureCallbackInfo.responseStatus), block(entry.failureCallbackInfo.responseBody)] : null));
}

/** After a resume, restart or delete of this entry it has left the DLQ: the actions no longer apply. */
function gone(verb) {
  setActions(false);
  byId('entry-status').textContent = `This entry has left the DLQ (${pastTense(verb)}).`;
}

async function callback(which) {
  const dlqId = shown.dlqId;
  setActions(false);
  try {
    if (which === 'retry') await api.retryCallback(dlqId); else await api.cancelCallback(dlqId);
  } catch (error) {
    showError(byId('entry-error'), error.message);
    setActions(true);
    return;
  }
  await showEntry(dlqId);
  byId('entry-status').textContent = which === 'retry'
    ? 'The failure callback is being retried.'
    : 'The failure callback was canceled.';
}
