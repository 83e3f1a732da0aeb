// Runs one execution of an exported state machine in aws-local-stepfunctions. Every Task state is overridden by a
// handler that posts {state, resource, input} to the test's callback server, which runs the real activity, agent or
// approval decision and answers {"ok":true,"result":...} or {"ok":false,"error":"...","cause":"..."}; a failure is
// thrown as an error with that name, as a Lambda function's errorType would be.
// Reads {"definition","input","callbackUrl"} as JSON on stdin; writes {"status":"SUCCEEDED","output"} or
// {"status":"FAILED","error","cause"} as JSON on stdout.
import { register } from "node:module";

// Corrects two departures of the emulator from Step Functions before it is loaded (see emulator-fixes.mjs).
register("./emulator-fixes.mjs", import.meta.url);
const { StateMachine, ExecutionError } = await import("aws-local-stepfunctions");

const request = JSON.parse(await new Promise((resolve, reject) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
  process.stdin.on("error", reject);
}));

const handlers = {};
const retryIntervals = {};

// Task states can be nested in Parallel branches and Map item processors; overrides are keyed by state name.
function visit(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === "Task") {
      handlers[name] = (input) => call(name, state.Resource, input);
    }
    if (Array.isArray(state.Retry)) {
      // Retry delays are not compared (our side waits on virtual time); waiting them out here would only slow the run.
      retryIntervals[name] = 0;
    }
    for (const branch of state.Branches ?? []) visit(branch.States);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) visit(processor.States);
  }
}

async function call(state, resource, input) {
  const response = await fetch(request.callbackUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ state, resource, input }),
  });
  if (!response.ok) {
    throw new Error(`The callback server answered ${response.status}: ${await response.text()}`);
  }
  const answer = await response.json();
  if (answer.ok) return answer.result;
  const error = new Error(answer.cause ?? "");
  error.name = answer.error;
  throw error;
}

visit(request.definition.States);
const machine = new StateMachine(request.definition, { validationOptions: { checkArn: true, checkPaths: true } });
const execution = machine.run(request.input, {
  overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retryIntervals },
  // aws-local-stepfunctions fills in Execution.Input and StartTime only: a waitForTaskToken Task reads $$.Task.Token,
  // and the exported approval's timed-out Pass reads $$.State.EnteredTime (one fixed time here, where Step Functions
  // gives each state its own; the shipped workflows never compare it).
  context: {
    State: { EnteredTime: "2025-01-01T00:00:00.000Z" },
    Execution: { Id: "arn:aws:states:us-east-1:123456789012:execution:equivalence:run-1", Name: "run-1" },
    StateMachine: { Id: "arn:aws:states:us-east-1:123456789012:stateMachine:equivalence", Name: "equivalence" },
    Task: { Token: "task-token-1" },
  },
});

try {
  const output = await execution.result;
  process.stdout.write(JSON.stringify({ status: "SUCCEEDED", output }));
} catch (failure) {
  const error = failure instanceof ExecutionError ? failure.cause : failure;
  process.stdout.write(JSON.stringify({ status: "FAILED", error: error?.name ?? "Error", cause: error?.message ?? String(failure) }));
}
