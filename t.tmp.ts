import { loadCases } from './src/cases/load.js';
import { getProbe } from './src/probes/registry.js';
import { cleanVariant, probeVariant } from './src/variants/build.js';
import { units } from './src/probes/structure.js';
const cases = loadCases({ path: '/work/shared/data/medqa-usmle/medqa_us_4opt_test.jsonl', limit: 500 }).cases;
for (const id of process.argv.slice(3)) {
  const c = cases.find((x) => x.id === id)!;
  console.log('=== CLEAN', id); console.log(JSON.stringify(units(cleanVariant(c).narrative).map((u) => [u.text.slice(0, 60), u.leadsWithTable, u.trailsWithTable, u.sep])));
  const r = probeVariant(getProbe(process.argv[2])!, c, cleanVariant(c), 7);
  console.log('=== VARIANT'); console.log('variant' in r ? r.variant.narrative : r);
}
