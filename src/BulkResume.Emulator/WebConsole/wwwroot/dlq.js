// The DLQ list: filters, newest first, paged, with the total the filter matches, and the bulk actions.
//
// Newest first: the API lists the oldest entries first and has no order parameter, and it gives no total. So the
// console reads every page the filter matches (100 entries a request, up to MAX_READ), sorts them by failure time,
// newest first, and pages through them itself. The emulator is local, so this is quick; past MAX_READ it says so and
// does not pretend to know the newest or the total.

import { openAction } from './actions.js';
import { byId, describeCount, fill, h, showError, time } from './dom.js';
import { clearFilter, readFilter } from './filter.js';

/** The most entries the console reads for one filter. */
export const MAX_READ = 10000;
const PAGE_SIZE = 25;

let api = null;
const state = { filter: { query: [], described: [] }, entries: [], complete: true, page: 0, ticked: new Set(), generation: 0 };

export function initDlq(theApi) {
  api = theApi;
  byId('filter-form').onsubmit = (event) => { event.preventDefault(); apply(); };
  byId('filter-clear').onclick = () => { clearFilter(); apply(); };
  byId('page-previous').onclick = () => { state.page -= 1; render(); };
  byId('page-next').onclick = () => { state.page += 1; render(); };
  byId('tick-page').onchange = (event) => {
    for (const entry of pageEntries()) {
      if (event.target.checked) state.ticked.add(entry.dlqId); else state.ticked.delete(entry.dlqId);
    }
    render();
  };
  for (const verb of ['resume', 'restart', 'delete']) {
    byId(`bulk-${verb}`).onclick = () =>
      openAction(api, verb, { kind: 'filter', filter: state.filter, count: state.entries.length }, refresh);
    byId(`ticked-${verb}`).onclick = () =>
      openAction(api, verb, { kind: 'ids', ids: [...state.ticked] }, () => { state.ticked.clear(); refresh(); });
  }
}

/** Reads the form and lists what it matches, from the first page. */
export function apply() {
  try {
    state.filter = readFilter();
  } catch (error) {
    showError(byId('filter-error'), error.message);
    return;
  }
  showError(byId('filter-error'), null);
  state.ticked.clear();
  state.page = 0;
  refresh();
}

/** Lists the current filter again, staying on the page when it still exists. */
export async function refresh() {
  const generation = ++state.generation;
  byId('dlq-total').textContent = 'Loading\u2026';
  byId('dlq-table').setAttribute('aria-busy', 'true');
  const entries = [];
  let complete = true;
  try {
    let cursor = null;
    do {
      const answer = await api.listPage(state.filter.query, cursor);
      if (generation !== state.generation) return;
      entries.push(...(answer.messages ?? []));
      cursor = answer.cursor || null;
      if (cursor && entries.length >= MAX_READ) complete = false;
    } while (cursor && complete);
  } catch (error) {
    if (generation !== state.generation) return;
    showError(byId('filter-error'), error.message);
    byId('dlq-total').textContent = '';
    byId('dlq-table').removeAttribute('aria-busy');
    return;
  }
  entries.sort((a, b) => b.createdAt - a.createdAt || (a.dlqId < b.dlqId ? 1 : a.dlqId > b.dlqId ? -1 : 0));
  state.entries = entries;
  state.complete = complete;
  const present = new Set(entries.map((entry) => entry.dlqId));
  for (const id of state.ticked) if (!present.has(id)) state.ticked.delete(id);
  byId('dlq-table').removeAttribute('aria-busy');
  render();
}

function pageCount() {
  return Math.max(1, Math.ceil(state.entries.length / PAGE_SIZE));
}

function pageEntries() {
  return state.entries.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
}

function render() {
  state.page = Math.min(Math.max(state.page, 0), pageCount() - 1);
  const total = state.entries.length;
  byId('dlq-total').textContent = state.complete ? `${total} matching` : `More than ${MAX_READ} matching`;
  const note = byId('dlq-note');
  note.hidden = state.complete;
  note.textContent = state.complete ? '' :
    `The console reads at most ${MAX_READ} entries of one filter (the API lists oldest first, so the console sorts them itself). ` +
    'These are the oldest of them, newest first; narrow the filter to see the rest. "All matching" is off until the total is known.';
  for (const verb of ['resume', 'restart', 'delete']) {
    byId(`bulk-${verb}`).disabled = total === 0 || !state.complete;
    byId(`ticked-${verb}`).disabled = state.ticked.size === 0;
  }
  const rows = pageEntries().map(row);
  fill(byId('dlq-rows'), rows.length > 0 ? rows : h('tr', { class: 'empty' }, h('td', { colspan: 6 }, 'No entry matches.')));
  const onPage = pageEntries();
  byId('tick-page').checked = onPage.length > 0 && onPage.every((entry) => state.ticked.has(entry.dlqId));
  byId('page-position').textContent = `Page ${state.page + 1} of ${pageCount()}` +
    (state.ticked.size > 0 ? ` \u00b7 ${describeCount(state.ticked.size, ['entry', 'entries'])} ticked` : '');
  byId('page-previous').disabled = state.page === 0;
  byId('page-next').disabled = state.page >= pageCount() - 1;
}

function row(entry) {
  const tick = h('input', { type: 'checkbox', 'aria-label': `Select ${entry.dlqId}`, checked: state.ticked.has(entry.dlqId) });
  tick.onchange = () => {
    if (tick.checked) state.ticked.add(entry.dlqId); else state.ticked.delete(entry.dlqId);
    render();
  };
  return h('tr', {},
    h('td', {}, tick),
    h('td', {}, h('a', { href: `#/entry/${encodeURIComponent(entry.dlqId)}` }, entry.dlqId)),
    h('td', { class: 'url' }, entry.workflowUrl),
    h('td', {}, time(entry.createdAt)),
    h('td', {}, String(entry.responseStatus ?? '')),
    h('td', {}, (entry.labels ?? []).map((label) => h('span', { class: 'label' }, label))));
}
