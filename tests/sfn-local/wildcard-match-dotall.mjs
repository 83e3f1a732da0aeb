// wildcard-match as aws-local-stepfunctions calls it for StringMatches, with the RegExp "s" flag so that "*" also
// matches line breaks, as in Step Functions (see emulator-fixes.mjs).
import wcmatch from "wildcard-match";

export default function wcmatchDotAll(pattern, options) {
  return wcmatch(pattern, { ...options, flags: "s" });
}
