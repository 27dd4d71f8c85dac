// Triggers workflow runs with the official SDK's Client, as an application does, and prints what trigger() returned
// as one JSON document: {"workflowRunIds": ["wfr_...", ...]} in the order of the payloads.
//   QSTASH_URL=http://127.0.0.1:EMU QSTASH_TOKEN=... node trigger.mjs '<json options>'
// options: {"url": workflow URL, "ids": [payload ids], "retries": n, "retryDelay": "0",
//           "flowControl": {"key": "...", "parallelism": n}}   (retries, retryDelay and flowControl optional)
// Each run's payload is {"id": <its id>}; all runs go in one trigger() call (one /v2/batch) when there are several.
import { Client } from "@upstash/workflow";

const options = JSON.parse(process.argv[2] ?? "{}");
if (!options.url || !Array.isArray(options.ids) || options.ids.length === 0) {
  console.error('usage: node trigger.mjs \'{"url":"http://127.0.0.1:PORT/api/wf","ids":["a","b"],"retries":2,"retryDelay":"0"}\'');
  process.exit(2);
}

const client = new Client({ baseUrl: process.env.QSTASH_URL, token: process.env.QSTASH_TOKEN });
const runs = options.ids.map((id) => ({
  url: options.url,
  body: { id },
  ...(options.retries === undefined ? {} : { retries: options.retries }),
  ...(options.retryDelay === undefined ? {} : { retryDelay: options.retryDelay }),
  ...(options.flowControl === undefined ? {} : { flowControl: options.flowControl }),
}));
const result = await client.trigger(runs.length === 1 ? runs[0] : runs);
const workflowRunIds = (Array.isArray(result) ? result : [result]).map((run) => run.workflowRunId);
console.log(JSON.stringify({ workflowRunIds }));
