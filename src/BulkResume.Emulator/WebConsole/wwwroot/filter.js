// The DLQ filter as the form shows it, and as the API's selection parameters. Bulk actions "on all matching" send
// exactly these parameters, so what they act on is what the list shows: never wider.

import { byId } from './dom.js';

const FIELDS = [
  // [form field id, API parameter, the field's label, how the dialog says what it selects]
  ['f-workflow-url', 'workflowUrl', 'Workflow URL', 'the workflow URL is'],
  ['f-label', 'label', 'Label', 'a label is'],
  ['f-from', 'fromDate', 'Failed after', 'failed at or after'],
  ['f-to', 'toDate', 'Failed before', 'failed at or before'],
  ['f-run-id', 'workflowRunId', 'Run id', 'the run id starts with'],
  ['f-callback', 'failureFunctionState', 'Failure callback state', 'the failure callback is'],
];

const DATES = new Set(['fromDate', 'toDate']);

// The API splits these on commas (one value may hold several): a comma in one would select something else.
const SPLIT_ON_COMMAS = new Set(['workflowUrl', 'label']);

/**
 * Reads the form: `{ query: [[name, value]...], described: ['Workflow URL = ...'] }`, or throws an Error that names the
 * field and the fix.
 */
export function readFilter() {
  const query = [];
  const described = [];
  for (const [id, name, label, selects] of FIELDS) {
    const input = byId(id);
    const value = input.value.trim();
    if (value === '') continue;
    if (DATES.has(name)) {
      const milliseconds = new Date(value).getTime();
      if (Number.isNaN(milliseconds)) throw new Error(`${label} is not a date and time; pick one, or clear the field.`);
      query.push([name, String(milliseconds)]);
      described.push(`${selects} ${new Date(milliseconds).toLocaleString()}`);
      continue;
    }
    if (SPLIT_ON_COMMAS.has(name) && value.includes(',')) {
      throw new Error(`${label} holds a comma, which the API reads as two values; give one value without a comma.`);
    }
    query.push([name, value]);
    described.push(`${selects} ${input.tagName === 'SELECT' ? input.selectedOptions[0].textContent.toLowerCase() : value}`);
  }
  return { query, described };
}

export function clearFilter() {
  for (const [id] of FIELDS) byId(id).value = '';
}

/** What a filter selects, in words, for the bulk dialog. */
export function describe(filter) {
  return filter.described.length === 0
    ? 'every entry in the DLQ (no filter is set)'
    : `the entries where ${filter.described.join(' and ')}`;
}
