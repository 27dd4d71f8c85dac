// Calls the emulator the way an application on the official TypeScript SDK does, and prints what the SDK returned as
// one JSON document for tests/BulkResume.IntegrationTests/Loopback/OfficialSdkTests.cs to check.
//   QSTASH_URL=http://127.0.0.1:PORT QSTASH_TOKEN=... node calls.mjs
import { Client } from "@upstash/workflow";

const client = new Client({ baseUrl: process.env.QSTASH_URL, token: process.env.QSTASH_TOKEN });
const firstPage = await client.logs({ count: 2 });
const secondPage = await client.logs({ cursor: firstPage.cursor, count: 2 });
const listed = await client.dlq.list();
const resumed = await client.dlq.resume({ dlqId: listed.messages[0].dlqId, retries: 1 });
const resumedRun = await client.logs({ workflowRunId: resumed.workflowRunId });
console.log(JSON.stringify({ firstPage, secondPage, listed, resumed, resumedRun }));
