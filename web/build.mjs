// Bundles the page into one self-contained HTML file: the styles, the
// Emscripten module (with the WebAssembly binary inside it as base64) and
// the app script all go inline, so the file opens from disk with no network.
//
// Usage: node build.mjs --wasm PATH/optiscope_wasm.js --out PATH/optiscope.html

import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const webDir = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    wasm: { type: 'string', default: join(webDir, '..', 'build', 'wasm', 'src', 'wasm', 'optiscope_wasm.js') },
    out: { type: 'string', default: join(webDir, 'dist', 'optiscope.html') },
  },
});

// Inline scripts end at the first "</script", so escape it; "<\/script" is
// the same string to JavaScript.
function inlineScript(text) {
  return text.replace(/<\/script/gi, '<\\/script');
}

function fill(template, marker, text) {
  const parts = template.split(marker);
  if (parts.length !== 2) {
    throw new Error(`index.html must contain ${marker} exactly once`);
  }
  return parts[0] + text + parts[1];
}

const app = await build({
  entryPoints: [join(webDir, 'src', 'main.ts')],
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  write: false,
  legalComments: 'none',
});
const style = await build({
  entryPoints: [join(webDir, 'src', 'style.css')],
  bundle: true,
  minify: true,
  write: false,
});
const wasm = await readFile(values.wasm, 'utf8');
let html = await readFile(join(webDir, 'index.html'), 'utf8');
html = fill(html, '/*STYLE*/', style.outputFiles[0].text.replace(/<\/style/gi, '<\\/style'));
html = fill(html, '/*WASM*/', inlineScript(wasm));
html = fill(html, '/*APP*/', inlineScript(app.outputFiles[0].text));
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, html);
console.log(`wrote ${values.out} (${Math.round(html.length / 1024)} KiB)`);
