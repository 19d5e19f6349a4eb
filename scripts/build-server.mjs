// npm run build:server: compiles src/ to dist/ (tsconfig.build.json, tests left out) from a clean dist/,
// then copies every file under src/ that tsc does not emit (the OB JSON schemas, anything read at run time)
// to the same place under dist/, so dist/ runs on its own wherever such a file moves inside src/.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

// `--out-dir DIR` builds elsewhere (the build test does, leaving the working dist/ alone).
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const from = 'src';
const to = values['out-dir'];
rmSync(to, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', to], {
  stdio: 'inherit',
});
if (status !== 0) {
  console.error(`build:server: tsc failed (exit ${status}); ${to}/ is incomplete`);
  process.exit(status ?? 1);
}
for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const source = join(entry.parentPath, entry.name);
  cpSync(source, join(to, relative(from, source)));
}
