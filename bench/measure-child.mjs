// Runs the masld CLI in this process and prints its peak RSS (MB) on exit, so
// benchmarks need no external `time` command.
import { main } from '../dist/cli/main.js';

process.on('exit', () => process.stderr.write(`\nMAXRSS_MB ${(process.resourceUsage().maxRSS / 1024).toFixed(1)}\n`));
process.exitCode = await main(['node', 'masld', ...process.argv.slice(2)]);
