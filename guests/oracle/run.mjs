#!/usr/bin/env node
// Node reference oracle: node guests/oracle/run.mjs <fixture> [cases-file]
// Transpiles guests/wasm/<fixture>.wasm with jco (custom imports --map'ped to guests/oracle/hosts/<fixture>.js,
// WASI from preview2-shim), runs every call of guests/cases/<fixture>.cases and prints the transcript
// (format: guests/README.md, "Case files and transcripts").
import { readFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseWitDir, deref } from './wit.mjs';
import { parseValues, toJs, fromJs, camel, pascal } from './wave.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const GUESTS = resolve(HERE, '..');
const [fixture, casesArg] = process.argv.slice(2);
if (!fixture) { console.error('usage: run.mjs <fixture> [cases-file]'); process.exit(2); }
const wasm = join(GUESTS, 'wasm', `${fixture}.wasm`);
const witDir = join(GUESTS, fixture, 'wit');
const casesFile = casesArg ? resolve(casesArg) : join(GUESTS, 'cases', `${fixture}.cases`);
for (const f of [wasm, witDir, casesFile]) if (!existsSync(f)) { console.error(`run.mjs: missing ${f}`); process.exit(2); }

const model = parseWitDir(witDir);
const world = model.worlds[model.worlds.length - 1];
const hostsFile = join(HERE, 'hosts', `${fixture}.js`);
const PREVIEW2_SHIM = /^wasi:(cli|clocks|filesystem|io|random|sockets|http)$/;
const maps = [];
for (const imp of world.imports) {
  // WASI 0.2 interfaces preview2-shim implements stay with jco's defaults; everything else is mapped to hosts/
  if (imp.kind !== 'interface' || PREVIEW2_SHIM.test(imp.iface.pkg.name)) continue;
  const q = imp.iface.qualified;
  const it = imp.iface;
  // interfaces that only define types need no implementation
  if (it.funcs.size === 0) continue;
  if (!existsSync(hostsFile)) { console.error(`run.mjs: ${fixture} imports ${q} but ${hostsFile} does not exist`); process.exit(2); }
  maps.push('--map', `${q}=../../../oracle/hosts/${fixture}.js#${camel(`${it.pkg.name.split(":")[1]}-${it.name}`)}`); // e.g. kindsHost, keyvalueStore
}
// world-level imports (a function or a resource imported by the world itself): jco imports each from a module
// named like the import; hosts/<fixture>.js exports them by their JS names (make, Cell)
for (const imp of world.imports) {
  if (imp.kind !== 'func') continue;
  maps.push('--map', `${imp.func.name}=../../../oracle/hosts/${fixture}.js#${camel(imp.func.name)}`);
}
for (const [n, t] of world.types.types) {
  if (t.kind === 'resource') maps.push('--map', `${n}=../../../oracle/hosts/${fixture}.js#${pascal(n)}`);
}
// under tools/ so that the transpiled code resolves @bytecodealliance/preview2-shim from tools/node_modules
const out = join(GUESTS, 'tools', 'oracle-out', fixture);
rmSync(out, { recursive: true, force: true }); mkdirSync(out, { recursive: true });
const jco = join(GUESTS, 'tools', 'node_modules', '.bin', 'jco');
execFileSync(jco, ['transpile', wasm, '-o', out, '--name', fixture, '--quiet', ...maps], { stdio: ['ignore', 'ignore', 'inherit'] });

const lines = [];
const emit = (s) => { process.stdout.write(s + '\n'); };
const vars = new Map(); // $name -> { obj, type }
const ctx = {
  vars,
  resourceName(obj, t) { for (const [n, h] of vars) if (h.obj === obj) return `$${n}`; return `<${t.res().name}>`; },
};
globalThis.__virgaOracle = { model, emit, ctx };
const moduleUrl = pathToFileURL(join(out, `${fixture}.js`)).href;
let mod = await import(moduleUrl);
let instances = 1;
// host implementations that call back into the component (hosts/reenter.js) call its exports through this
globalThis.__virgaOracle.call = (name, ...args) => invoke(resolveCall(name), args);

function resolveCall(name) {
  const hash = name.indexOf('#');
  if (hash < 0) {
    const e = world.exports.find((x) => x.kind === 'func' && x.func.name === name);
    if (!e) throw new Error(`no top-level export ${name}`);
    return { f: e.func, target: mod, label: name };
  }
  const iname = name.slice(0, hash); const fname = name.slice(hash + 1);
  const exp = world.exports.find((x) => x.kind === 'interface' && (x.iface.qualified === iname || x.iface.qualified.replace(/@.*$/, '') === iname));
  if (!exp) throw new Error(`the world exports no interface ${iname}`);
  const f = exp.iface.funcs.get(fname);
  if (!f) throw new Error(`${iname} has no function ${fname}`);
  const target = mod[exp.iface.qualified] ?? mod[camel(exp.iface.name)];
  return { f, target };
}

function invoke({ f, target }, args) {
  if (f.kind === 'constructor') return new target[pascal(f.resource.name)](...args);
  if (f.kind === 'static') return target[pascal(f.resource.name)][camel(f.name.split('.')[1])](...args);
  if (f.kind === 'method') { const [self, ...rest] = args; return self[camel(f.name.split('.')[1])](...rest); }
  const fn = target[camel(f.name)];
  if (typeof fn !== 'function') throw new Error(`transpiled component exports no ${f.name}`);
  return fn(...args);
}

let failures = 0;
const text = readFileSync(casesFile, 'utf8').split('\n');
for (let n = 0; n < text.length; n++) {
  const line = text[n].trim();
  if (!line || line.startsWith('#')) continue;
  try {
    if (line === 'new-instance') {
      // a fresh instance of the component (a new module URL makes node evaluate the transpiled code again):
      // isolates a case after a trap, since the engine poisons an instance that trapped and jco does not
      mod = await import(`${moduleUrl}?instance=${++instances}`); vars.clear();
      emit(`${line} => ()`); continue;
    }
    const drop = /^drop\s+\$([A-Za-z_][A-Za-z0-9_-]*)$/.exec(line);
    if (drop) {
      const h = vars.get(drop[1]); if (!h) throw new Error(`unknown binding $${drop[1]}`);
      const dispose = h.obj[Symbol.dispose] ?? h.obj[Symbol.for('dispose')];
      if (typeof dispose !== 'function') throw new Error('resource has no dispose');
      dispose.call(h.obj); vars.delete(drop[1]);
      emit(`${line} => ()`); continue;
    }
    const m = /^(?:\$([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*)?([^\s(]+)\s*\((.*)\)$/.exec(line);
    if (!m) throw new Error('expected <name>(<args>), $var = <name>(<args>) or drop $var');
    const [, bind, name, argText] = m;
    const call = resolveCall(name);
    const asts = parseValues(argText);
    if (asts.length !== call.f.params.length) throw new Error(`${name} takes ${call.f.params.length} arguments, got ${asts.length}`);
    const args = asts.map((a, k) => toJs(a, call.f.params[k][1], ctx));
    const rt = call.f.result ? deref(call.f.result) : null;
    let value; let trapped = false;
    try {
      const r = invoke(call, args);
      value = rt?.kind === 'result' ? { tag: 'ok', val: r } : r;
    } catch (e) {
      if (rt?.kind === 'result' && e && Object.prototype.hasOwnProperty.call(e, 'payload')) value = { tag: 'err', val: e.payload };
      else if (e instanceof WebAssembly.RuntimeError) trapped = true;
      // jco's glue rejects a bad value while lifting or lowering with a TypeError or RangeError of its own
      // (`not a valid char`, `list pointer ... is not aligned`): the component-model trap of that call
      // (thrown by the glue itself: its top JS frame is in the transpiled file, not in a host implementation)
      else if ((e instanceof TypeError || e instanceof RangeError) && (String(e.stack).split('\n').find((l) => l.includes('file://')) ?? '').includes(out)) trapped = true;
      else throw e;
    }
    if (trapped) { emit(`${line} => trap`); continue; }
    if (bind) {
      if (!rt || (rt.kind !== 'own' && rt.kind !== 'resource')) throw new Error('only a function returning own<resource> can be bound with $name =');
      vars.set(bind, { obj: value, type: rt });
    }
    emit(`${line} => ${rt ? fromJs(value, rt, ctx) : '()'}`);
  } catch (e) {
    failures++;
    emit(`${line} => oracle-error: ${e.message.split('\n')[0]}`);
    process.stderr.write(`${casesFile}:${n + 1}: ${e.stack}\n`);
  }
}
process.exitCode = failures ? 1 : 0;
