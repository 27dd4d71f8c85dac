// The emulator's controls, through its admin API: stats, reset (after a confirmation) and faults.

import { byId, field, fill, showError } from './dom.js';

let api = null;

export function initEmulator(theApi) {
  api = theApi;
  byId('stats-refresh').onclick = () => showEmulator();
  byId('reset-open').onclick = () => byId('reset-dialog').showModal();
  byId('reset-cancel').onclick = () => byId('reset-dialog').close();
  byId('reset-confirm').onclick = async () => {
    byId('reset-dialog').close();
    await act(async () => { render(await api.reset()); }, 'The emulator was reset: the DLQ and the run logs are empty and no fault is set.');
  };
  byId('faults-form').onsubmit = async (event) => {
    event.preventDefault();
    let body;
    try {
      body = faultsBody();
    } catch (error) {
      showError(byId('emulator-error'), error.message);
      return;
    }
    await act(() => api.faults(body), 'Faults applied to the next API requests.');
  };
  byId('faults-clear').onclick = () => act(() => api.faults({ reset: true }), 'Every fault was removed.');
}

export async function showEmulator() {
  await act(async () => { render(await api.stats()); }, null);
}

async function act(work, done) {
  showError(byId('emulator-error'), null);
  byId('emulator-status').textContent = '';
  try {
    await work();
    if (done) byId('emulator-status').textContent = done;
  } catch (error) {
    showError(byId('emulator-error'), error.message);
  }
}

function render(stats) {
  fill(byId('stats'),
    field('In the DLQ', String(stats.dlq)),
    field('Resumed runs', String(stats.resumed)),
    field('Restarted runs', String(stats.restarted)),
    Object.entries(stats.runs ?? {}).map(([state, count]) => field(`Runs ${state}`, String(count))));
}

/** The faults request of the form's filled fields; the admin API checks the bounds and names the field it refuses. */
function faultsBody() {
  const number = (id, label) => {
    const text = byId(id).value.trim();
    if (text === '') return undefined;
    if (!/^\d+$/.test(text)) throw new Error(`${label} must be a whole number.`);
    return Number(text);
  };
  const body = {};
  const latency = number('fault-latency', 'Latency (ms)');
  const failCount = number('fault-fail-count', 'Fail next (requests)');
  const failStatus = number('fault-fail-status', 'Fail with status');
  const burst = number('fault-burst', 'Burst limit');
  if (latency !== undefined) body.latencyMs = latency;
  if (failCount !== undefined) body.failNext = { count: failCount, status: failStatus ?? 503 };
  if (burst !== undefined) body.burstLimit = burst;
  if (Object.keys(body).length === 0) throw new Error('Fill in a fault first: latency, fail next or burst limit.');
  return body;
}
