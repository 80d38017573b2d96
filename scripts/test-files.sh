#!/bin/sh
# Prints the test files for `npm test`: the slowest first (longest CI durations, measured 2026-12-01), so the workers
# end together instead of one starting a two-minute file last; then every other file in name order.
# A slow file renamed or removed must be renamed or removed here too: node --test fails on a missing path.
SLOW='test/cluster/cluster-audit.test.ts
test/reliability/store-faults.test.ts
test/models/replicas-audit.test.ts
test/cli/control-panel.test.ts
test/cli/variants.test.ts
test/models/llamacpp.test.ts
test/reliability/lock-kills.test.ts
test/store/backends.test.ts
test/bench/smoke.test.ts
test/reliability/faults.test.ts
test/metrics/calibration.test.ts
test/reliability/bad-input.test.ts
test/package.test.ts
test/cluster/cluster-limits.test.ts
test/cli/audit.test.ts
test/cli/probes-check.test.ts
test/export/export-run.test.ts
test/metrics/fairness-simulation.test.ts
test/variants/check/check.test.ts
test/probes/invariance.test.ts
test/reliability/promises.test.ts
test/cli/variant-set.test.ts
test/metrics/compare.test.ts
test/cli/retell-audit.test.ts
test/queue/faults.test.ts
test/run/pace-audit.test.ts
test/cli/variants-review.test.ts
test/reliability/disk-full.test.ts
test/audit/variant-cache.test.ts'
printf '%s\n' "$SLOW"
find test -name '*.test.ts' | LC_ALL=C sort | grep -vxF "$SLOW"
