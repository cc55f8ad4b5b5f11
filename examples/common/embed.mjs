// jco embed with a chosen world: `jco embed --world-name` does not reach wasm-tools in jco 1.35 (it passes
// `worldName`, the library reads `world`), so a WIT package with several worlds needs this.
// usage: node embed.mjs TOOLS_DIR CORE.wasm WIT_DIR WORLD OUT.wasm
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const [tools, core, wit, world, out] = process.argv.slice(2);
const lib = resolve(tools, 'node_modules/@bytecodealliance/jco-transpile/dist/wasm-tools.js');
const { componentEmbed } = await import(pathToFileURL(lib).href);
await writeFile(out, await componentEmbed({ binary: await readFile(core), witPath: resolve(wit), world }));
