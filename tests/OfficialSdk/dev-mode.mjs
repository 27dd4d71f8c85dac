// An app configured for the service's local dev server, against `bulkresume-emulator --dev`: QSTASH_DEV=true and no URL,
// token or keys. Constructing the client starts the SDK's liveness check (GET /v2/keys with the dev token, answered
// with the dev keys within 2 s); had the emulator failed it, the SDK would download and start its own server instead.
// Prints the DLQ list as the last line of stdout for tests/BulkResume.IntegrationTests/Loopback/OfficialSdkTests.cs.
//   QSTASH_DEV=true QSTASH_DEV_PORT=PORT node dev-mode.mjs
import { Client } from "@upstash/workflow";

const client = new Client();
const listed = await client.dlq.list();
console.log(JSON.stringify({ listed }));
