// Starts order runs with the official client, as the rest of an application would.
//   npm run trigger -- 5                    (5 orders; WORKFLOW_URL defaults to the app's address)
import { Client } from "@upstash/workflow";

const count = Number(process.argv[2] ?? 1);
const url = process.env.WORKFLOW_URL ?? "http://127.0.0.1:3000/api/orders";
const client = new Client({ baseUrl: process.env.QSTASH_URL, token: process.env.QSTASH_TOKEN! });

const runs = await client.trigger(
  Array.from({ length: count }, (_, i) => ({
    url,
    body: { orderId: `order-${i + 1}`, amount: 10 * (i + 1) },
    retries: 2, // three attempts per step before the run goes to the DLQ
    retryDelay: "500", // milliseconds between them (an expression of `retried`, such as "pow(2, retried) * 1000")
  })),
);
for (const run of runs) console.log(run.workflowRunId);
