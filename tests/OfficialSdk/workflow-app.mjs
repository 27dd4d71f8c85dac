// A workflow endpoint on the official TypeScript SDK (@upstash/workflow), unchanged, for the emulator to deliver to:
// tests/BulkResume.IntegrationTests/Loopback/OfficialSdkWorkflowTests.cs starts it, triggers runs, makes them fail into
// the DLQ, resumes them and reads back here what the workflow's code really executed.
//   QSTASH_URL=http://127.0.0.1:EMU QSTASH_TOKEN=... [QSTASH_CURRENT_SIGNING_KEY=... QSTASH_NEXT_SIGNING_KEY=...] \
//     node workflow-app.mjs generic|express
// The first line of stdout is {"port":N,"verifiesSignatures":bool}. Signatures are checked when both keys are set
// (the SDK's own rule), by the SDK itself.
//
// /api/wf       the workflow: step1..step4 (context.run), step3 throws while failStep3 is set; a failure function.
// GET /control  what ran: counters per step (total and per payload id), each step's output, failure calls, finished
//               runs, requests in flight now and at most (workflow requests only).
// POST /control {"failStep3":bool, "variant":"original"|"renamed-step2"|"added-step5", "delayMs":n, "reset":true}
//
// Counters move only inside context.run callbacks: the SDK runs the route's other code on every delivery, twice.
import http from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { serve } from "@upstash/workflow";
import { serve as serveExpress } from "@upstash/workflow/express";

const mode = process.argv[2] ?? "generic";
if (mode !== "generic" && mode !== "express") {
  console.error(`usage: node workflow-app.mjs generic|express (got ${mode})`);
  process.exit(2);
}

const VARIANTS = ["original", "renamed-step2", "added-step5"];
let settings = { failStep3: true, variant: "original", delayMs: 0 };
let state;
function reset() {
  state = { counts: {}, perRun: {}, outputs: {}, failures: [], finished: {}, inFlight: 0, maxInFlight: 0 };
}
reset();

// One step: counts its execution (total and for the run's payload id) and returns an output no one else could make up.
function step(context, name, body) {
  const id = context.requestPayload?.id ?? "?";
  return context.run(name, async () => {
    state.counts[name] = (state.counts[name] ?? 0) + 1;
    const run = (state.perRun[id] ??= {});
    run[name] = (run[name] ?? 0) + 1;
    body?.();
    // "~~~~~~" puts a "+" in the base64 of the step wherever it falls: the character the default .NET JSON encoder
    // escapes, which would break the Express adapter's re-serialised signature check.
    const output = { step: name, id, nonce: randomUUID(), mark: "~~~~~~" };
    (state.outputs[id] ??= {})[name] = output;
    return output;
  });
}

const route = async (context) => {
  await step(context, "step1");
  await step(context, settings.variant === "renamed-step2" ? "step2-renamed" : "step2");
  await step(context, "step3", () => {
    if (settings.failStep3) {
      throw new Error(`step3 failed on purpose for ${context.requestPayload?.id}`);
    }
  });
  await step(context, "step4");
  if (settings.variant === "added-step5") {
    await step(context, "step5");
  }

  // Reached only on the delivery after the last step, when every step is memoised.
  (state.finished[context.requestPayload?.id ?? "?"] ??= []).push(context.workflowRunId);
  return { done: context.requestPayload?.id };
};

const options = {
  failureFunction: async ({ context, failStatus, failResponse }) => {
    state.failures.push({ workflowRunId: context.workflowRunId, failStatus, failResponse, requestPayload: context.requestPayload });
    return "failure recorded";
  },
};

const verifiesSignatures = Boolean(process.env.QSTASH_CURRENT_SIGNING_KEY && process.env.QSTASH_NEXT_SIGNING_KEY);

// Counts the workflow requests in flight at the endpoint, and holds each for delayMs (so that overlaps can show).
async function tracked(work) {
  state.inFlight++;
  state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  try {
    if (settings.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, settings.delayMs));
    }
    await work();
  } finally {
    state.inFlight--;
  }
}

function control(method, body) {
  if (method === "GET") {
    return [200, { settings, ...state }];
  }
  const change = JSON.parse(body || "{}");
  if (change.variant !== undefined && !VARIANTS.includes(change.variant)) {
    return [400, { error: `variant must be one of ${VARIANTS.join(", ")}` }];
  }
  if (change.reset) {
    reset();
  }
  const { reset: _, ...rest } = change;
  settings = { ...settings, ...rest };
  return [200, { settings }];
}

let server;
if (mode === "generic") {
  // The §7 wrapper: the RAW request bytes go to the SDK's fetch-style handler, so its signature check sees what was signed.
  const { handler } = serve(route, options);
  server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    if (req.url.startsWith("/control")) {
      const [status, answer] = control(req.method, body.toString("utf8"));
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
      return;
    }
    await tracked(async () => {
      const request = new Request(`http://127.0.0.1:${server.address().port}${req.url}`, {
        method: req.method,
        headers: req.headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
} else {
  // The SDK's Express adapter parses the JSON and re-serialises it with JSON.stringify before checking the signature.
  const app = express();
  app.use(express.json({ limit: "10mb" }));
  app.all("/control", (req, res) => {
    const [status, answer] = control(req.method, req.method === "GET" ? "" : JSON.stringify(req.body ?? {}));
    res.status(status).json(answer);
  });
  app.use("/api/wf", (req, res, next) => {
    tracked(() => new Promise((resolve) => {
      res.on("finish", resolve);
      res.on("close", resolve);
      next();
    }));
  });
  app.use("/api/wf", serveExpress(route, options));
  server = http.createServer(app);
}

server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: server.address().port, mode, verifiesSignatures }));
});
