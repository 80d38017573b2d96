// Part of `npm run build`: parses the built-in bank once and writes dist/cases/bank.compiled.json,
// which an audit reads instead of the YAML while the YAML is unchanged (src/cases/compiled-bank.ts).
process.env.MASLD_COMPILED_BANK = 'off';
const { loadCases, listCaseFiles } = await import('../dist/cases/load.js');
const { BUILTIN_CASES_DIR } = await import('../dist/cases/builtin.js');
const { writeCompiledBank, COMPILED_BANK_FILE } = await import('../dist/cases/compiled-bank.js');
const set = loadCases();
writeCompiledBank(listCaseFiles(BUILTIN_CASES_DIR), { cases: set.cases, warnings: set.warnings ?? [] });
console.log(`compiled the built-in bank: ${set.cases.length} cases → ${COMPILED_BANK_FILE}`);
