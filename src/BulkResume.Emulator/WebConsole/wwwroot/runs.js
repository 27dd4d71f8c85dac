// Follow a run: look a run up by its id in the run logs and show its step groups, the steps kept from the failed run
// marked (see steps.js for how a kept step is told apart).

import { byId, describeCount, field, fill, h, showError, time } from './dom.js';
import { isKept, stepGroups } from './steps.js';

let api = null;

export function initRuns(theApi) {
  api = theApi;
  byId('run-form').onsubmit = (event) => {
    event.preventDefault();
    const id = byId('run-id').value.trim();
    if (id === '') { showError(byId('run-error'), 'Give a workflow run id (wfr_...).'); return; }
    window.location.hash = `#/runs/${encodeURIComponent(id)}`;
  };
}

export async function showRuns(runId) {
  showError(byId('run-error'), null);
  fill(byId('run-results'));
  if (!runId) return;
  byId('run-id').value = runId;
  const runs = [];
  try {
    // The logs page at most 10 runs; several runs share an id only when the same id was triggered again.
    let cursor = null;
    do {
      const answer = await api.runs([['workflowRunId', runId]], cursor);
      runs.push(...(answer.runs ?? []));
      cursor = answer.cursor || null;
    } while (cursor);
  } catch (error) {
    showError(byId('run-error'), error.message);
    return;
  }
  fill(byId('run-results'), runs.length === 0
    ? h('p', { class: 'note', role: 'status' }, `No run has the id ${runId}.`)
    : runs.map(runSection));
}

function runSection(run) {
  const kept = (run.steps ?? []).flatMap((group) => group.steps).filter((step) => isKept(run, step)).length;
  return h('article', { class: 'run', 'aria-label': `Run ${run.workflowRunId}` },
    h('h3', {}, `Run ${run.workflowRunId}`),
    h('dl', { class: 'fields' },
      field('State', run.workflowState),
      field('Workflow URL', run.workflowUrl),
      field('Created', time(run.workflowRunCreatedAt)),
      field('Completed', run.workflowRunCompletedAt ? time(run.workflowRunCompletedAt) : null),
      field('Labels', (run.labels ?? []).join(', ')),
      field('Flow control key', run.flowControlKey),
      field('In the DLQ as', run.dlqId && h('a', { href: `#/entry/${encodeURIComponent(run.dlqId)}` }, run.dlqId)),
      field('Kept from the failed run', kept > 0 ? describeCount(kept, ['step', 'steps']) : null)),
    stepGroups(run));
}
