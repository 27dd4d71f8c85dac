// context.waitForEvent with client.notify, a wait that times out, context.call to a third party, and a run started by
// the REST trigger, all on the official SDK (@upstash/workflow) against the emulator:
// tests/BulkResume.IntegrationTests/Loopback/OfficialSdkEventsTests.cs runs it.
//   QSTASH_URL=http://127.0.0.1:EMU QSTASH_TOKEN=... node events.mjs
// Prints one JSON object: what each workflow saw and returned, the notify answer, what the third party received.
import http from "node:http";
import { serve, Client } from "@upstash/workflow";

const baseUrl = process.env.QSTASH_URL;
const token = process.env.QSTASH_TOKEN;
const client = new Client({ baseUrl, token });

const finished = {};
const waiting = {};
const thirdParty = [];
function finish(name, value) {
  finished[name] = value;
  waiting[name]?.(value);
}
const done = (name) => (name in finished ? Promise.resolve(finished[name]) : new Promise((resolve) => (waiting[name] = resolve)));

const routes = {
  "/api/wait": serve(async (context) => {
    const event = await context.waitForEvent("wait for payment", context.requestPayload.eventId, { timeout: context.requestPayload.timeout });
    const seen = await context.run("after wait", () => event);
    finish(context.requestPayload.name, seen);
  }),
  "/api/call": serve(async (context) => {
    const response = await context.call("call third party", {
      url: `${origin}/third-party?q=1`,
      method: "PUT",
      body: { order: 7 },
      headers: { "x-api-key": "k1" },
    });
    const seen = await context.run("after call", () => response);
    finish("call", seen);
  }),
  "/api/plain": serve(async (context) => {
    const seen = await context.run("only step", () => ({ payload: context.requestPayload, tenant: context.headers.get("x-tenant") }));
    finish("rest", seen);
  }),
};

let origin;
const server = http.createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const path = req.url.split("?")[0];
  if (path === "/third-party") {
    thirdParty.push({ method: req.method, url: req.url, apiKey: req.headers["x-api-key"], body: body.toString("utf8") });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ echoed: JSON.parse(body.toString("utf8")) }));
    return;
  }
  const route = routes[path];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const request = new Request(origin + req.url, { method: req.method, headers: req.headers, body: body.length > 0 ? body : undefined });
  const response = await route.handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
origin = `http://127.0.0.1:${server.address().port}`;

const guard = setTimeout(() => {
  console.error(`timed out; finished so far: ${JSON.stringify(finished)}`);
  process.exit(3);
}, 50_000);

// A run waits for "paid-7", another for an event no one sends (1 s timeout); the call run and a REST-triggered run go alongside.
const runIds = [
  (await client.trigger({ url: `${origin}/api/wait`, body: { name: "notified", eventId: "paid-7", timeout: "60s" } })).workflowRunId,
  (await client.trigger({ url: `${origin}/api/wait`, body: { name: "timedOut", eventId: "never-sent", timeout: 1 } })).workflowRunId,
  (await client.trigger({ url: `${origin}/api/call`, body: {} })).workflowRunId,
  "wfr_rest-1",
];
const rest = await fetch(`${baseUrl}/v2/trigger/${origin}/api/plain`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "upstash-workflow-runid": "wfr_rest-1", "upstash-forward-x-tenant": "acme" },
  body: JSON.stringify({ order: 9 }),
});
const triggered = { status: rest.status, body: await rest.json() };

let waiters = [];
while (waiters.length === 0) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  waiters = await client.getWaiters({ eventId: "paid-7" });
}
const notifyResponse = await client.notify({ eventId: "paid-7", eventData: { paid: true } });

const result = {
  runIds,
  waiters,
  notifyResponse,
  notified: await done("notified"),
  timedOut: await done("timedOut"),
  call: await done("call"),
  rest: await done("rest"),
  triggered,
  thirdParty,
};
// Each route has returned; the SDK's finishing DELETE follows. The run's history answers 404 once the run has ended.
for (const id of runIds) {
  while ((await fetch(`${baseUrl}/v2/workflows/runs/${id}`, { headers: { authorization: `Bearer ${token}` } })).status !== 404) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
clearTimeout(guard);
console.log(JSON.stringify(result));
server.close();
process.exit(0);
