import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The pipeline flows one way: a module may import from its own stage, from an
 * earlier one and from the shared modules, never from a later stage. Stages
 * are the folders of src/ (and its top-level files), earliest first; config,
 * audit, cluster (an audit spread over machines), export, view, cli and the library API sit on top of the pipeline.
 */
const STAGES = [
  'cases',
  'probes',
  'variants',
  'prompt',
  'run',
  'models',
  'store',
  'queue',
  'scoring',
  'metrics',
  'report',
  'config',
  'audit',
  'cluster',
  'export',
  'view',
  'cli',
  'index.ts',
];
/** Anyone may import these; they import only each other. */
const SHARED = ['util', 'errors.ts', 'version.ts'];

interface Edge {
  from: string;
  to: string;
  /** Every name the import brings is a type: no code is loaded. */
  typeOnly: boolean;
}

interface Allowed {
  from: string;
  to: string;
  typeOnly?: boolean;
}

/** Imports against the order that stay, by path prefix. An entry no import uses any more is an error too, so the list only shrinks. */
const ALLOWED: Allowed[] = [
  // Execute calls the providers and writes each reply to the store as it returns: the data flows
  // run → models → store, but the executor is the caller of both.
  { from: 'src/run/', to: 'src/models/' },
  { from: 'src/run/', to: 'src/store/' },
  // The parsed config's model entry is what a provider, the planner and results are handed; a type carries no code.
  { from: 'src/run/', to: 'src/config/schema.ts', typeOnly: true },
  { from: 'src/report/', to: 'src/config/schema.ts', typeOnly: true },
  // A control declares the phenotype it is built to come out as, in the metrics' own labels; a type carries no code.
  { from: 'src/models/controls/behaviours.ts', to: 'src/metrics/phenotype.ts', typeOnly: true },
  { from: 'src/models/controls/behaviours.ts', to: 'src/metrics/dose-shape.ts', typeOnly: true },
  // The run record stores the run's config; it is read back through the config schema itself, so defaults live in one place.
  { from: 'src/store/meta.ts', to: 'src/config/schema.ts' },
  // An LLM retelling is the one variant step that runs a model: it names its rewriter as a config model spec and
  // calls it through the audit's provider and retry layer, so a rewriter is retried and paced like any model.
  { from: 'src/variants/retell/', to: 'src/config/' },
  { from: 'src/variants/retell/', to: 'src/models/' },
  { from: 'src/variants/retell/', to: 'src/run/' },
  // The `variants review` page reads a written set and reuses the report's HTML helpers; only cli/ imports it.
  { from: 'src/variants/review/', to: 'src/audit/variant-set-file.ts', typeOnly: true },
  { from: 'src/variants/review/', to: 'src/report/' },
];

const stageOf = (path: string): string => path.split('/')[1];
const rank = (stage: string): number => STAGES.indexOf(stage);

/** What is wrong with an edge, or null. */
function problem(e: Edge): string | null {
  const from = stageOf(e.from);
  const to = stageOf(e.to);
  if (from === to) return null;
  if (SHARED.includes(from)) return SHARED.includes(to) ? null : `shared ${from} imports the ${to} stage`;
  if (SHARED.includes(to)) return null;
  if (rank(from) < 0 || rank(to) < 0) return `${rank(from) < 0 ? from : to} has no stage: add it to STAGES or SHARED`;
  if (from === 'models' && (to === 'probes' || to === 'variants')) return `a provider imports ${to}: it must know nothing of probes`;
  return rank(to) > rank(from) ? `${from} imports the later stage ${to}` : null;
}

const allows = (a: Allowed, e: Edge) => e.from.startsWith(a.from) && e.to.startsWith(a.to) && (!a.typeOnly || e.typeOnly);

function violations(edges: readonly Edge[], allowed: readonly Allowed[]): string[] {
  return edges.flatMap((e) => {
    const p = problem(e);
    return p && !allowed.some((a) => allows(a, e)) ? [`${e.from} → ${e.to}: ${p}`] : [];
  });
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : name.endsWith('.ts') ? [p] : [];
  });
}

/** Biome's lineWidth (biome.jsonc); biome wraps code, but not strings, templates, regexes or comments. */
const MAX_WIDTH = 160;
/** Where code lives; data files, JSON fixtures and the pinned goldens are not code. */
const CODE_DIRS = ['src', 'test', 'bench', 'scripts'];
const NOT_CODE = [join(ROOT, 'test', 'golden')];

function codeFiles(dir: string): string[] {
  if (NOT_CODE.includes(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? codeFiles(p) : /\.(?:ts|mts|cts|js|mjs|cjs|sh)$/.test(name) ? [p] : [];
  });
}

/** The 1-based numbers of the lines wider than MAX_WIDTH, counting characters (code points). */
const overWidth = (lines: readonly string[]) => lines.flatMap((l, i) => ([...l].length > MAX_WIDTH ? [i + 1] : []));

const typeOnlyClause = (c: ts.ImportClause | undefined) =>
  !!c &&
  (c.isTypeOnly ||
    (!c.name &&
      !!c.namedBindings &&
      ts.isNamedImports(c.namedBindings) &&
      c.namedBindings.elements.length > 0 &&
      c.namedBindings.elements.every((s) => s.isTypeOnly)));
const typeOnlyExport = (d: ts.ExportDeclaration) =>
  d.isTypeOnly ||
  (!!d.exportClause && ts.isNamedExports(d.exportClause) && d.exportClause.elements.length > 0 && d.exportClause.elements.every((s) => s.isTypeOnly));

/** Every relative import, re-export and dynamic import() in src/, as paths from the repository root. */
function srcEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const add = (spec: ts.Expression | undefined, typeOnly: boolean) => {
      if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
      const to = relative(ROOT, resolve(dirname(file), spec.text.replace(/\.js$/, '.ts')));
      edges.push({ from: relative(ROOT, file), to, typeOnly });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, typeOnlyClause(node.importClause));
      else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, typeOnlyExport(node));
      else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return edges;
}

describe('architecture', () => {
  const edges = srcEdges();

  it('reads the imports of src/', () => {
    assert.ok(edges.length > 300, `only ${edges.length} imports found`);
    assert.ok(
      edges.some((e) => e.from === 'src/variants/build.ts' && e.to === 'src/probes/profile.ts' && !e.typeOnly),
      "variants/build.ts imports the probes' patient profile",
    );
    assert.ok(
      edges.some((e) => e.from === 'src/variants/build.ts' && e.to === 'src/cases/types.ts' && e.typeOnly),
      'and the Case type',
    );
    assert.ok(edges.some((e) => e.from === 'src/cli/main.ts' && e.typeOnly === false));
  });

  it('tells a back-edge from a forward one', () => {
    const edge = (from: string, to: string, typeOnly = false): Edge => ({ from, to, typeOnly });
    assert.deepEqual(
      violations(
        [edge('src/variants/build.ts', 'src/cases/types.ts'), edge('src/metrics/x.ts', 'src/util/rng.ts'), edge('src/cli/main.ts', 'src/audit/audit.ts')],
        [],
      ),
      [],
    );
    assert.equal(violations([edge('src/cases/validate.ts', 'src/variants/free-text/sex.ts')], []).length, 1);
    assert.equal(violations([edge('src/probes/profile.ts', 'src/variants/free-text/sex.ts')], []).length, 1, 'variants assemble the probes');
    assert.equal(violations([edge('src/util/english.ts', 'src/cases/types.ts')], []).length, 1, 'shared modules import no stage');
    assert.equal(violations([edge('src/models/registry.ts', 'src/probes/registry.ts')], []).length, 1, 'providers know nothing of probes');
    assert.equal(violations([edge('src/newstage/a.ts', 'src/cases/types.ts')], []).length, 1, 'a folder with no stage');
    // A type-only allowance does not let code through.
    const allowed = [{ from: 'src/models/', to: 'src/config/schema.ts', typeOnly: true }];
    assert.deepEqual(violations([edge('src/models/registry.ts', 'src/config/schema.ts', true)], allowed), []);
    assert.equal(violations([edge('src/models/registry.ts', 'src/config/schema.ts', false)], allowed).length, 1);
  });

  it('has no import from a later stage into an earlier one, outside the allow-list', () => {
    assert.deepEqual(violations(edges, ALLOWED), []);
  });

  it('has no allow-list entry that nothing needs', () => {
    const unused = ALLOWED.filter((a) => !edges.some((e) => problem(e) && allows(a, e)));
    assert.deepEqual(unused, []);
  });

  it("keeps every line of code within 160 characters, the formatter's width", () => {
    const files = CODE_DIRS.flatMap((d) => codeFiles(join(ROOT, d)));
    assert.ok(files.length > 300, `only ${files.length} code files found`);
    assert.ok(files.some((f) => f.endsWith('.mjs')) && files.some((f) => f.endsWith('.sh')), 'scripts other than TypeScript are read too');
    const long = files.flatMap((f) => overWidth(readFileSync(f, 'utf8').split('\n')).map((n) => `${relative(ROOT, f)}:${n}`));
    // Biome does not wrap a long string, template or regex: split it (concatenation, a joined array) so the runtime text stays the same.
    assert.deepEqual(long, [], `lines over ${MAX_WIDTH} characters`);
    assert.deepEqual(overWidth(['x'.repeat(MAX_WIDTH), `${'é'.repeat(MAX_WIDTH)}`]), [], 'characters are counted, not bytes');
    assert.deepEqual(overWidth(['ok', 'x'.repeat(MAX_WIDTH + 1)]), [2]);
  });

  it('keeps every source file within 250 lines', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    const long = files.map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length - 1] as const).filter(([, n]) => n > 250);
    assert.deepEqual(long, [], 'split these files by what their parts hold');
  });
});
