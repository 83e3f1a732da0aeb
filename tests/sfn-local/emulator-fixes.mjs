// Module hooks that correct two places where aws-local-stepfunctions 3.0.0 departs from Step Functions, so that an
// equivalence run compares our engine with Step Functions' semantics rather than with the emulator's bugs. Each fix
// fails loudly if the package no longer has the code it corrects.
//
// 1. StringMatches: the emulator compiles the pattern with wildcard-match into a RegExp without the "s" flag, so "*"
//    does not match line breaks; in Step Functions "*" matches any zero or more characters. The emulator's import of
//    wildcard-match is resolved to wildcard-match-dotall.mjs, which adds the flag.
// 2. Intrinsic functions: the emulator removes every backslash from any string an intrinsic function returns (to undo
//    the escapes of States.Format templates), which breaks States.JsonToString: a string value holding a quote or a
//    line break comes out as invalid JSON. The removal is skipped for States.JsonToString, whose result is then
//    exactly JSON.stringify's, as in Step Functions.
const EMULATOR = "/aws-local-stepfunctions/build/main.node.esm.js";
const STRIP = 'if (typeof result === "string") {\n      result = result.replaceAll("\\\\", "");';
const STRIP_EXCEPT_JSON_TO_STRING =
  'if (typeof result === "string" && this.funcDefinition.name !== "States.JsonToString") {\n      result = result.replaceAll("\\\\", "");';

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "wildcard-match" && context.parentURL?.endsWith(EMULATOR)) {
    return { url: new URL("./wildcard-match-dotall.mjs", import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!url.endsWith(EMULATOR)) return loaded;
  const source = String(loaded.source);
  if (source.split(STRIP).length !== 2) {
    throw new Error(`emulator-fixes.mjs: ${url} no longer removes backslashes from intrinsic results as expected; review the fix.`);
  }
  return { ...loaded, source: source.replace(STRIP, STRIP_EXCEPT_JSON_TO_STRING), shortCircuit: true };
}
