// A run's steps in their groups, as the run-logs API returns them (sequential, parallel, next).
//
// Which steps were kept from the failed run: a resumed run is a new run, created when it was resumed, that carries
// the failed run's successful steps as they were recorded. So a step recorded before its run was created
// (createdAt < workflowRunCreatedAt) can only have been kept from the failed run; every step the run itself executes
// is recorded at or after its creation. A triggered or restarted run has none.

import { h, time } from './dom.js';

const GROUP_NAMES = { sequential: 'Sequential', parallel: 'Parallel', next: 'Running next' };

/** Whether a step of `run` was kept from the failed run it was resumed from. */
export function isKept(run, step) {
  return typeof step.createdAt === 'number' && step.createdAt < run.workflowRunCreatedAt;
}

/** The step groups of one run, failed steps highlighted and kept steps marked. */
export function stepGroups(run) {
  const groups = run.steps ?? [];
  if (groups.length === 0) return h('p', { class: 'note' }, 'This run has no recorded steps.');
  return h('ol', { class: 'groups' }, groups.map((group, index) => h('li', { class: `group group-${group.type}` },
    h('p', { class: 'group-title' }, `Group ${index + 1}: ${GROUP_NAMES[group.type] ?? group.type}`),
    h('ol', { class: 'steps' }, group.steps.map((step) => stepItem(run, step))))));
}

function stepItem(run, step) {
  const failed = step.state === 'STEP_FAILED';
  const kept = isKept(run, step);
  const classes = ['step', failed ? 'step-failed' : '', kept ? 'step-kept' : ''].filter(Boolean).join(' ');
  return h('li', { class: classes },
    h('span', { class: 'step-name' }, step.stepName),
    failed ? h('span', { class: 'badge badge-failed' }, 'Failed step') : null,
    kept ? h('span', { class: 'badge badge-kept' }, 'Kept from the failed run') : null,
    h('span', { class: 'step-meta' },
      [step.stepType, step.state, step.stepId !== undefined ? `step ${step.stepId}` : null].filter(Boolean).join(' · '),
      ' · ', time(step.createdAt)),
    step.out !== undefined && step.out !== null ? h('code', { class: 'step-out' }, step.out) : null);
}
