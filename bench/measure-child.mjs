// Runs the masld CLI in this process, as bin/masld.js does, and prints its peak RSS (MB) and CPU
// time (all threads) on exit, so benchmarks need no external `time` command.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nMAXRSS_MB ${(u.maxRSS / 1024).toFixed(1)}\nCPU_MS ${((u.userCPUTime + u.systemCPUTime) / 1000).toFixed(1)}\n`);
});
await import('../bin/masld.js');
