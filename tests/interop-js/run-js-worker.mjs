// Runs only a durabletask-js worker against a sidecar until stdin closes, so a C# client can manage
// instances that JavaScript code executes. Usage: node run-js-worker.mjs <host:port>.
// Prints "ready" once the worker has started.
import dt from "@microsoft/durabletask-js";
const { TaskHubGrpcWorker, NoOpLogger } = dt;

const hostAddress = process.argv[2];
const worker = new TaskHubGrpcWorker({ hostAddress, logger: new NoOpLogger() });

worker.addNamedActivity("js_shout", async (_ctx, text) => String(text).toUpperCase());
worker.addNamedOrchestrator("js_greeter", async function* (ctx, name) {
  const shouted = yield ctx.callActivity("js_shout", `hello, ${name}`);
  const extra = yield ctx.waitForExternalEvent("suffix");
  return `${shouted}${extra}`;
});

await worker.start();
console.log("ready");

process.stdin.resume();
process.stdin.on("end", async () => {
  await worker.stop();
  process.exit(0);
});
