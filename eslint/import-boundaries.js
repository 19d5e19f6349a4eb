// ESLint rule `boundaries/imports`: which folder may import what (DESIGN.md §1). Relative imports are resolved
// against the importing file, so a rule names folders ('src/storage/'), not spellings ('../../storage/x.js').
// Each zone: { files: folder prefix of the importing file, except?: file prefixes exempt from it,
//   tests?: false to exempt *.test.ts, forbid: ['src/…/' folder prefixes | package names | 'node:' | '@scope/'
//   | '*' for every package], allow?: same forms, winning over forbid, message }.
import path from 'node:path';

const isPath = (entry) => entry.startsWith('src/') || entry.startsWith('test/') || entry.startsWith('web/');

function matches(entry, target) {
  if (target.kind === 'path') return isPath(entry) && target.value.startsWith(entry);
  if (isPath(entry)) return false;
  if (entry === '*') return true;
  if (entry.endsWith(':') || entry.endsWith('/')) return target.value.startsWith(entry);
  return target.value === entry || target.value.startsWith(`${entry}/`);
}

function targetOf(specifier, filename, cwd) {
  if (specifier.startsWith('.')) {
    const resolved = path
      .relative(cwd, path.resolve(path.dirname(filename), specifier))
      .split(path.sep)
      .join('/');
    return { kind: 'path', value: resolved };
  }
  return { kind: 'package', value: specifier };
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Folder import boundaries: which layer may import which folder or package' },
    schema: [{ type: 'array' }],
  },
  create(context) {
    const zones = context.options[0] ?? [];
    const cwd = context.cwd;
    const file = path.relative(cwd, context.filename).split(path.sep).join('/');
    const active = zones.filter(
      (z) =>
        file.startsWith(z.files) &&
        !(z.except ?? []).some((e) => file.startsWith(e)) &&
        !(z.tests === false && file.endsWith('.test.ts')),
    );
    if (active.length === 0) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const target = targetOf(source.value, context.filename, cwd);
      for (const zone of active) {
        if (!zone.forbid.some((f) => matches(f, target))) continue;
        if ((zone.allow ?? []).some((a) => matches(a, target))) continue;
        context.report({ node: source, message: `'${source.value}': ${zone.message}` });
        return;
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export const boundaries = { rules: { imports: rule } };
