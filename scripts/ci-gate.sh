#!/usr/bin/env bash
# The CI gate behind action.yml: runs `masld audit --fail-on`, appends summary.md to the job summary,
# records the exit code and the report folder as step outputs, and exits with the audit's own code
# (0 all gates passed, 1 a gate failed or calls failed, 2 bad input, 3 budget reached).
# Inputs, as environment variables (action.yml sets them from its inputs):
#   MASLD_FAIL_ON   gates, e.g. "pfrExcess>0.1,cfi<0.9" (required)
#   MASLD_CONFIG    config file (optional: without it, masld's defaults)
#   MASLD_OUT       report folder (default masld-report)
#   MASLD_ARGS      more audit arguments, split on whitespace (optional)
#   MASLD_COMMAND   the command to run masld with (optional), e.g. "npx masld" for a project that
#                   installs ai-masld itself; default: npx --yes --package ai-masld@MASLD_VERSION -- masld
#   MASLD_VERSION   the ai-masld version npx installs (default: this checkout's package.json version)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   files the runner provides; either may be unset
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${MASLD_OUT:-masld-report}"

# Step outputs, on every way out: the action uploads report-dir and exits with exit-code after this step.
finish() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    local report_dir="$out"
    if [ -d "$out" ]; then report_dir="$(cd "$out" && pwd)"; fi
    {
      echo "exit-code=$1"
      echo "report-dir=$report_dir"
    } >>"$GITHUB_OUTPUT"
  fi
  exit "$1"
}

fail_on="${MASLD_FAIL_ON:-}"
if [ -z "$fail_on" ]; then
  echo "masld ci-gate: fail-on is required, e.g. \"pfrExcess>0.1,cfi<0.9\"" >&2
  finish 2
fi

if [ -n "${MASLD_COMMAND:-}" ]; then
  read -r -a cmd <<<"$MASLD_COMMAND"
else
  version="${MASLD_VERSION:-}"
  if [ -z "$version" ]; then version="$(node -p "require('$here/../package.json').version")"; fi
  cmd=(npx --yes --package "ai-masld@$version" -- masld)
fi

args=(audit --out "$out" --no-progress --fail-on "$fail_on")
if [ -n "${MASLD_CONFIG:-}" ]; then args+=(--config "$MASLD_CONFIG"); fi
if [ -n "${MASLD_ARGS:-}" ]; then
  read -r -a extra <<<"$MASLD_ARGS"
  args+=("${extra[@]}")
fi

echo "masld ci-gate: ${cmd[*]} ${args[*]}"
"${cmd[@]}" "${args[@]}"
code=$?

case "$code" in
  0) verdict="every gate passed" ;;
  1) verdict="a gate failed, or calls failed (see the log)" ;;
  2) verdict="bad input (see the log)" ;;
  3) verdict="stopped at its budget" ;;
  *) verdict="stopped (exit $code)" ;;
esac
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "## masld audit: $verdict (exit $code)"
    echo
    echo "Gates: \`$fail_on\`"
    echo
    if [ -f "$out/summary.md" ]; then cat "$out/summary.md"; else echo "No summary.md was written in $out."; fi
    echo
  } >>"$GITHUB_STEP_SUMMARY"
fi
finish "$code"
