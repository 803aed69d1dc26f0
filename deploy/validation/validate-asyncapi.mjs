// Parses an AsyncAPI document with the AsyncAPI Initiative's own parser (@asyncapi/parser, pinned in package.json),
// resolving its $refs to the JSON Schema files beside it, as code generators and doc tools read it. Prints every
// diagnostic; exits 1 when the parser reports an error or cannot build the document.
import { Parser, fromFile } from '@asyncapi/parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-asyncapi.mjs <asyncapi.yaml>');
  process.exit(2);
}
const severities = ['error', 'warning', 'information', 'hint'];
const { document, diagnostics } = await fromFile(new Parser(), file).parse();
let errors = 0;
for (const d of diagnostics) {
  const severity = severities[d.severity] ?? String(d.severity);
  if (d.severity === 0) errors++;
  console.log(`${severity} ${d.code} at ${JSON.stringify(d.path)}: ${d.message}`);
}
if (!document || errors > 0) {
  console.log(`not valid: ${errors} error(s)`);
  process.exit(1);
}
console.log(`valid: AsyncAPI ${document.version()}, ${document.channels().length} channels, `
  + `${document.allMessages().length} messages`);
