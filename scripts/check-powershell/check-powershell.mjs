// Parses every .ps1/.psm1/.psd1 under the given folders (default: the scripts folder above this one and
// dist/src/packaging) with the tree-sitter PowerShell grammar, prints each syntax error as FILE:LINE:COLUMN and exits 1 if there is any.
// Setup (once, online): npm install tree-sitter tree-sitter-powershell   (in this folder); then works offline.
import Parser from 'tree-sitter';
import PowerShell from 'tree-sitter-powershell';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// default: scripts/ and the Chocolatey scripts that dist templates (dist/src/packaging)
const roots = process.argv.length > 2 ? process.argv.slice(2) : [resolve(here, '..'), resolve(here, '..', '..', 'dist', 'src', 'packaging')];

function* powershellFiles(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      yield* powershellFiles(path);
    } else if (/\.(ps1|psm1|psd1)$/i.test(name)) {
      yield path;
    }
  }
}

function* errors(node) {
  if (node.type === 'ERROR' || node.isMissing) {
    yield node;
    return;
  }
  if (!node.hasError) return;
  for (const child of node.children) yield* errors(child);
}

const parser = new Parser();
parser.setLanguage(PowerShell);
let files = 0;
let bad = 0;
for (const root of roots) {
  const list = statSync(root).isDirectory() ? [...powershellFiles(root)] : [root];
  for (const file of list) {
    files++;
    // the grammar reads UTF-8 text; a byte-order mark is not PowerShell syntax
    const source = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const tree = parser.parse((index) => source.slice(index, index + 4096));
    if (tree.rootNode.hasError) {
      bad++;
      for (const e of errors(tree.rootNode)) {
        const what = e.isMissing ? `missing ${e.type}` : 'syntax error';
        console.error(`${file}:${e.startPosition.row + 1}:${e.startPosition.column + 1}: ${what}`);
      }
    }
  }
}
if (files === 0) {
  console.error(`check-powershell: no .ps1/.psm1/.psd1 file under ${roots.join(', ')}`);
  process.exit(2);
}
console.log(`check-powershell: ${files} file(s) parsed, ${bad} with syntax errors`);
process.exit(bad === 0 ? 0 : 1);
