// Validates Amazon States Language documents with asl-validator.
// Usage: node validate.mjs <file.json>...   Prints one JSON line per file: {"file","isValid","errors":[...]}.
// Exit code 0 when every document is valid, 1 otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const aslValidator = require("asl-validator");

let allValid = true;
for (const file of process.argv.slice(2)) {
  const definition = JSON.parse(readFileSync(file, "utf8"));
  const { isValid, errors } = aslValidator(definition);
  allValid &&= isValid;
  const messages = (errors ?? []).map((e) => `${e.path ?? e.instancePath ?? ""} ${e.message ?? JSON.stringify(e)}`.trim());
  process.stdout.write(JSON.stringify({ file, isValid, errors: messages }) + "\n");
}
process.exit(allValid ? 0 : 1);
