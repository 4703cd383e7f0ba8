// Reads the CycloneDX BOM of the build and fails unless every component's licence is on the allowed list.
// Usage: node licences/check.mjs <bom.json> <allowed.txt>
// Podium's own modules (app.podium) carry no licence of their own in the BOM and are not checked.
import { readFileSync } from "node:fs";

const [bomPath, allowedPath] = process.argv.slice(2);
const allowed = new Set(readFileSync(allowedPath, "utf8").split("\n").map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#")));
const bom = JSON.parse(readFileSync(bomPath, "utf8"));

// the alternatives of an SPDX expression: "(A OR B)" passes when A or B is allowed; AND needs both
function passes(expression) {
  const text = expression.replace(/[()]/g, " ").trim();
  return text.split(/\s+OR\s+/).some((choice) => choice.split(/\s+AND\s+/).every((id) => allowed.has(id.trim())));
}

const refused = [];
let checked = 0;
for (const component of bom.components ?? []) {
  if (component.group === "app.podium") continue;
  checked++;
  const licences = (component.licenses ?? []).map((entry) => entry.expression
    ?? entry.license?.id ?? entry.license?.name ?? "(unnamed)");
  if (!licences.some(passes)) {
    refused.push(`${component.group}:${component.name}:${component.version} ` +
      `(${licences.length ? licences.join(", ") : "no licence declared"})`);
  }
}
if (refused.length) {
  console.error(`Licence check: ${refused.length} of ${checked} components are not under an allowed open-source ` +
    `licence (${allowedPath}):`);
  refused.forEach((r) => console.error("  " + r));
  process.exit(1);
}
console.log(`Licence check: all ${checked} components of the build are under allowed open-source licences`);
