// An order workflow on the official TypeScript SDK, served on Node's own http server. Nothing here knows about the
// emulator: QSTASH_URL, QSTASH_TOKEN and the signing keys in the environment decide where it publishes its steps and
// whose signatures it accepts, exactly as against the hosted service.
//   PORT=3000 npm start                     (CHARGE_FAILS=1 makes the charge step throw: a bug to fix later)
import { createServer } from "node:http";
import { serve } from "@upstash/workflow";

type Order = { orderId: string; amount: number };

const port = Number(process.env.PORT ?? 3000);
const chargeFails = process.env.CHARGE_FAILS === "1";

const { handler } = serve<Order>(
  async (context) => {
    const order = context.requestPayload;

    // Each context.run is a step: it runs once, and its result is kept by the service and replayed from then on.
    const reservation = await context.run("reserve-stock", () => {
      console.log(`reserve-stock ${order.orderId}`);
      return { reservationId: `res_${order.orderId}` };
    });

    const payment = await context.run("charge-card", () => {
      console.log(`charge-card ${order.orderId}`);
      if (chargeFails) {
        throw new Error(`the card processor refused order ${order.orderId}`);
      }
      return { paymentId: `pay_${order.orderId}`, amount: order.amount };
    });

    await context.run("send-receipt", () => {
      console.log(`send-receipt ${order.orderId}`);
      return { to: `${order.orderId}@example.com`, paymentId: payment.paymentId, reservationId: reservation.reservationId };
    });
  },
  {
    // Called once when a run has used up its retries and went to the DLQ.
    failureFunction: async ({ context, failStatus, failResponse }) => {
      console.log(`run ${context.workflowRunId} failed (${failStatus}): ${failResponse}`);
    },
  },
);

// The SDK's generic handler takes a fetch Request: hand it the raw body bytes, which the signature covers.
const server = createServer(async (req, res) => {
  if (req.method !== "POST" || !req.url?.startsWith("/api/orders")) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = new Request(`http://127.0.0.1:${port}${req.url}`, {
    method: "POST",
    headers: req.headers as Record<string, string>,
    body: Buffer.concat(chunks),
  });
  const response = await handler(request);
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(port, "127.0.0.1", () => {
  console.log(`orders workflow on http://127.0.0.1:${port}/api/orders${chargeFails ? " (charge-card fails)" : ""}`);
});
