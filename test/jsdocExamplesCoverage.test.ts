import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The API reference (npm run docs:api) is the JSDoc of what the entries export. This
// lists, per export, what its JSDoc lacks: any documentation; an @example (functions and
// classes; test/jsdocExamples.test.ts runs them); the unit of its result (the measures and
// the losses: bits, nats or bans). Files whose JSDoc is complete must stay complete; the
// others are printed, for their owners.

const repo = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/entries/info.ts', 'src/entries/losses.ts', 'src/entries/coding.ts', 'src/entries/nn.ts'];
/** Must have no gap at all (a new export there comes documented, with unit and example). */
const COMPLETE = [/^src\/core\/info\//, /^src\/formats\/mnistDigits\.ts$/];
/** Where a numeric result needs its unit named. */
const NEEDS_UNIT = [/^src\/core\/info\//, /^src\/core\/losses\//];
const UNIT = /\b(bits?|nats?|bans?|unit|no unit)\b/i;

interface Gap {
  file: string;
  name: string;
  lacks: string[];
}

function gaps(): Gap[] {
  const program = ts.createProgram(
    ENTRIES.map((e) => `${repo}${e}`),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  const seen = new Map<string, Gap>();
  for (const entry of ENTRIES) {
    const sf = program.getSourceFile(`${repo}${entry}`);
    const moduleSymbol = sf && checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) throw new Error(`cannot read ${entry}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      if (!decl) continue;
      const file = relative(repo, decl.getSourceFile().fileName).split('\\').join('/');
      const key = `${file}#${symbol.name}`;
      if (seen.has(key)) continue;
      const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker));
      const tags = ts.getJSDocTags(decl);
      const lacks: string[] = [];
      if (docs.trim() === '') lacks.push('documentation');
      const callable = ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl);
      if (callable && !tags.some((t) => t.tagName.text === 'example')) lacks.push('@example');
      if (ts.isFunctionDeclaration(decl) && NEEDS_UNIT.some((r) => r.test(file))) {
        const returns = checker.typeToString(checker.getReturnTypeOfSignature(checker.getSignatureFromDeclaration(decl)!));
        const allText = docs + tags.map((t) => ts.getTextOfJSDocComment(t.comment) ?? '').join(' ');
        if (/number|LossResult|Float64Array|FloatArray|JointMeasures/.test(returns) && !UNIT.test(allText)) lacks.push('unit');
      }
      seen.set(key, { file, name: symbol.name, lacks });
    }
  }
  return [...seen.values()].filter((g) => g.lacks.length > 0).sort((a, b) => (a.file + a.name).localeCompare(b.file + b.name));
}

describe('the JSDoc of the public API', () => {
  it('is complete where it must be, and the rest is listed', { timeout: 60_000 }, () => {
    const all = gaps();
    const byOwner = all.map((g) => `${g.file}  ${g.name}: no ${g.lacks.join(', no ')}`);
    console.log(`jsdoc gaps, for their owners (${byOwner.length}):\n${byOwner.join('\n')}`);
    expect(all.filter((g) => COMPLETE.some((r) => r.test(g.file)))).toEqual([]);
  });
});
