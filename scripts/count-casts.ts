// The type assertions (`x as T`, `<T>x`; not `as const`) in functions/ and shared/, by file and
// target type, and those that assert a domain type (one declared in shared/domain/ or the ports).
// `npm run casts` prints them (`-- --list`: every one); test/unit/casts.test.ts holds the line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const parse = (file: string) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);

/** The names of the types the domain and the ports declare. */
function domainTypeNames(): Set<string> {
  const files = [...filesUnder(join(root, 'shared', 'domain')), join(root, 'shared', 'usecases', 'ports.ts')];
  const names = new Set<string>();
  for (const source of files.map(parse)) {
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement))
        names.add(statement.name.text);
    }
  }
  return names;
}

export interface Cast {
  file: string;
  line: number;
  type: string;
  domain: boolean;
}

export function typeAssertions(): Cast[] {
  const domain = domainTypeNames();
  const casts: Cast[] = [];
  for (const file of ['functions', 'shared'].flatMap((dir) => filesUnder(join(root, dir)))) {
    const source = parse(file);
    const visit = (node: ts.Node) => {
      if (
        (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) &&
        node.type.getText(source) !== 'const'
      ) {
        const type = node.type.getText(source);
        const named = type.match(/^[A-Za-z_]\w*/)?.[0] ?? '';
        casts.push({
          file: relative(root, file),
          line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
          type: type.replace(/\s+/g, ' '),
          domain: domain.has(named),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return casts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const casts = typeAssertions();
  if (process.argv.includes('--list'))
    for (const c of casts) console.log(`${c.file}:${c.line}\tas ${c.type}`);
  const domain = casts.filter((c) => c.domain);
  console.log(
    `type assertions in functions/ and shared/: ${casts.length}; of a domain type: ${domain.length}`,
  );
  for (const c of domain) console.log(`  ${c.file}:${c.line}\tas ${c.type}`);
}
