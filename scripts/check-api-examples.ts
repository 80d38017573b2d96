/**
 * The public API is documented and its examples compile: every name
 * src/index.ts exports has a TSDoc comment, every function and class has an
 * `@example`, and each example's ```ts block type-checks against the real API
 * (as `import … from 'ai-masld'`). Run by `npm run typecheck`.
 *
 * Examples are compiled in memory, as if they sat in the repository (so that
 * `zod` and `ai-masld` resolve); nothing is written to disk.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INDEX = join(ROOT, 'src', 'index.ts');
const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
const compilerOptions: ts.CompilerOptions = { ...options, noEmit: true };

const problems: string[] = [];
const program = ts.createProgram([INDEX], compilerOptions);
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(INDEX)!)!;
const examples = new Map<string, string>();

for (const exported of checker.getExportsOfModule(moduleSymbol)) {
  const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const name = exported.getName();
  if (!ts.displayPartsToString(target.getDocumentationComment(checker)).trim()) problems.push(`${name}: no TSDoc comment where it is declared`);
  const isValue = (target.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
  const blocks = target
    .getJsDocTags(checker)
    .filter((t) => t.name === 'example')
    .flatMap((t) => [...ts.displayPartsToString(t.text).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]));
  if (isValue && blocks.length === 0) problems.push(`${name}: no @example with a \`\`\`ts block`);
  for (const [i, code] of blocks.entries()) {
    const source = `${code.replaceAll("from 'ai-masld'", `from '${INDEX.replace(/\.ts$/, '.js')}'`)}\nexport {};\n`;
    examples.set(join(ROOT, '.api-examples', `${name}-${i + 1}.mts`), source);
  }
}

// The examples, compiled together with the real sources from an in-memory host.
const host = ts.createCompilerHost(compilerOptions);
const { getSourceFile, fileExists, readFile } = host;
host.fileExists = (f) => examples.has(f) || fileExists.call(host, f);
host.readFile = (f) => examples.get(f) ?? readFile.call(host, f);
host.getSourceFile = (f, lang, ...rest) => {
  const text = examples.get(f);
  return text === undefined ? getSourceFile.call(host, f, lang, ...rest) : ts.createSourceFile(f, text, lang, true);
};
const exampleProgram = ts.createProgram([...examples.keys()], compilerOptions, host);
for (const d of ts.getPreEmitDiagnostics(exampleProgram)) {
  if (!d.file || !examples.has(d.file.fileName)) continue;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
  problems.push(`example ${d.file.fileName.slice(ROOT.length + 1)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

if (problems.length) {
  process.stderr.write(`public API docs: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`public API docs: ${checker.getExportsOfModule(moduleSymbol).length} exports documented; ${examples.size} examples compile\n`);
