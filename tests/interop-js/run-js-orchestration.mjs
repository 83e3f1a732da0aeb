// Runs a durabletask-js worker AND client against a sidecar and drives one orchestration that calls an
// activity, waits for an external event, creates a timer and calls a sub-orchestration.
// Usage: node run-js-orchestration.mjs <host:port>. Prints one JSON line {instanceId, status, output, failure};
// status is the SDK's status name (e.g. "COMPLETED").
import dt from "@microsoft/durabletask-js";
const { TaskHubGrpcClient, TaskHubGrpcWorker, NoOpLogger, OrchestrationStatus } = dt;

const hostAddress = process.argv[2];
if (!hostAddress) {
  console.error("usage: node run-js-orchestration.mjs <host:port>");
  process.exit(2);
}

const hello = async (_ctx, name) => `Hello, ${name}!`;

async function* child(ctx, input) {
  const greeting = yield ctx.callActivity("js_hello", `${input}-child`);
  return `child:${greeting}`;
}

async function* parent(ctx, name) {
  const first = yield ctx.callActivity("js_hello", name);
  ctx.setCustomStatus("waiting-for-approval");
  const approval = yield ctx.waitForExternalEvent("approval");
  yield ctx.createTimer(1); // one second of orchestration time
  const fromChild = yield ctx.callSubOrchestrator("js_child", name);
  return { first, approval, fromChild };
}

const logger = new NoOpLogger();
const worker = new TaskHubGrpcWorker({ hostAddress, logger });
worker.addNamedOrchestrator("js_parent", parent);
worker.addNamedOrchestrator("js_child", child);
worker.addNamedActivity("js_hello", hello);
await worker.start();

const client = new TaskHubGrpcClient({ hostAddress, logger });
try {
  const instanceId = await client.scheduleNewOrchestration("js_parent", "world");
  // Wait until the orchestration publishes that it waits, so the event is raised while it waits.
  for (let i = 0; i < 600; i++) {
    const state = await client.getOrchestrationState(instanceId, true);
    if (state?.serializedCustomStatus?.includes("waiting-for-approval")) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await client.raiseOrchestrationEvent(instanceId, "approval", { approved: true, by: "js" });
  const state = await client.waitForOrchestrationCompletion(instanceId, true, 120);
  console.log(JSON.stringify({
    instanceId,
    status: state ? OrchestrationStatus[state.runtimeStatus] : null,
    output: state?.serializedOutput ?? null,
    failure: state?.failureDetails?.message ?? null,
  }));
} finally {
  await client.stop();
  await worker.stop();
}
