// Runs the masld CLI in this process and prints its peak RSS (MB) and CPU time
// (all threads) on exit, so benchmarks need no external `time` command.
import { main } from '../dist/cli/main.js';

process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nMAXRSS_MB ${(u.maxRSS / 1024).toFixed(1)}\nCPU_MS ${((u.userCPUTime + u.systemCPUTime) / 1000).toFixed(1)}\n`);
});
process.exitCode = await main(['node', 'masld', ...process.argv.slice(2)]);
