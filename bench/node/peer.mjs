// The node (V8) peer of the JMH benchmarks: same guests, same operations, printed as one JSON object on stdout.
//   node bench/node/peer.mjs <wasm-dir> [--quick]
// <wasm-dir> holds bench.core.wasm, hostcall.wasm, reverse.core.wasm, reverse-jco/ and hostcall-jco/ (jco transpile
// --instantiation sync of reverse.wasm and hostcall.component.wasm), all made by bench/run.sh.
// Timing: compute kernels are timed one call at a time (median of the runs after warm-up); cheap operations in
// batches (median over batches of the per-operation time), like JMH's average-time mode per iteration.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const quick = process.argv.includes('--quick');
const now = () => process.hrtime.bigint();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const check = (ok, what) => { if (!ok) throw new Error(`wrong result: ${what}`); };
const out = { node: process.version, v8: process.versions.v8, quick, results: {} };

// one call per sample, result in ms
function perCall(name, fn, warm, runs) {
  for (let i = 0; i < warm; i++) fn();
  const t = [];
  for (let i = 0; i < runs; i++) { const s = now(); fn(); t.push(Number(now() - s) / 1e6); }
  out.results[name] = { unit: 'ms', median: median(t), mean: t.reduce((a, b) => a + b, 0) / t.length, samples: t.length };
}
// batches of `batch` operations (each fn() call does `opsPerCall` of them), result in ns per operation
function batched(name, fn, opsPerCall, batch, warmBatches, batches) {
  const t = [];
  for (let b = 0; b < warmBatches + batches; b++) {
    const s = now();
    for (let i = 0; i < batch; i++) fn(i);
    const ns = Number(now() - s) / (batch * opsPerCall);
    if (b >= warmBatches) t.push(ns);
  }
  out.results[name] = { unit: 'ns', median: median(t), mean: t.reduce((a, b) => a + b, 0) / t.length, samples: t.length };
}
// individually timed operations (for a median), result in µs
function sampled(name, fn, warm, runs) {
  for (let i = 0; i < warm; i++) fn();
  const t = new Float64Array(runs);
  for (let i = 0; i < runs; i++) { const s = now(); fn(); t[i] = Number(now() - s) / 1e3; }
  out.results[name] = { unit: 'us', median: median(t), mean: t.reduce((a, b) => a + b, 0) / t.length, samples: runs };
}

const wasm = (f) => new WebAssembly.Module(readFileSync(join(dir, f)));
const R = quick ? 0.2 : 1; // fewer repetitions with --quick

// goal 4: compute
{
  const e = new WebAssembly.Instance(wasm('bench.core.wasm'), {}).exports;
  e._initialize();
  check(e.sieve(10_000_000) === 664579, 'sieve(1e7)');
  perCall('compute.sieve', () => e.sieve(10_000_000), Math.ceil(10 * R), Math.ceil(40 * R));
  perCall('compute.matmul', () => e.matmul(200), Math.ceil(20 * R), Math.ceil(100 * R));
  perCall('compute.crc32', () => e.crc32(20), Math.ceil(5 * R), Math.ceil(30 * R));
  out.check = { matmul200: e.matmul(200), crc32_2: e.crc32(2) >>> 0 };
}

// goal 3: host-import round trip (the JS import is the host function)
{
  const e = new WebAssembly.Instance(wasm('hostcall.wasm'), { env: { host_add: (a, b) => (a + b) | 0 } }).exports;
  check(e.call_host(2, 3) === 5, 'call_host');
  const LOOP = 10_000;
  batched('hostcall.importRoundTrip', () => e.call_host_loop(LOOP), LOOP, 20, 20, Math.ceil(100 * R));
  let x = 0;
  batched('hostcall.exportCallingImport', (i) => { x = e.call_host(i, 7); }, 1, 100_000, 20, Math.ceil(100 * R));
  batched('hostcall.exportCall', (i) => { x = e.add(i, 7); }, 1, 100_000, 20, Math.ceil(100 * R));
}

// goal 3 at the component level: hostcall.component.wasm through jco, import `host-add` as a JS function
{
  const jdir = join(dir, 'hostcall-jco');
  const { instantiate } = await import(pathToFileURL(join(jdir, 'hostcall.component.js')).href);
  const getCoreModule = (p) => new WebAssembly.Module(readFileSync(join(jdir, p)));
  const m = instantiate(getCoreModule, { 'host-add': { default: (a, b) => (a + b) >>> 0 } });
  check(m.callHost(2, 3) === 5, 'call-host');
  const LOOP = 10_000;
  batched('component.importRoundTrip', () => m.callHostLoop(LOOP), LOOP, 20, 10, Math.ceil(60 * R));
  let x = 0;
  batched('component.exportCallingImport', (i) => { x = m.callHost(i & 0xffff, 7); }, 1, 100_000, 10, Math.ceil(60 * R));
}

// goals 1 and 2: the reverse guest; its core module, and the component through jco
{
  const core = wasm('reverse.core.wasm');
  sampled('instantiate.core', () => new WebAssembly.Instance(core, {}), 2000, Math.ceil(50_000 * R));

  const jdir = join(dir, 'reverse-jco');
  const { instantiate } = await import(pathToFileURL(join(jdir, 'reverse.js')).href);
  const modules = new Map();
  const getCoreModule = (p) => { if (!modules.has(p)) modules.set(p, new WebAssembly.Module(readFileSync(join(jdir, p)))); return modules.get(p); };
  sampled('instantiate.jco', () => instantiate(getCoreModule, {}), 2000, Math.ceil(50_000 * R));

  const m = instantiate(getCoreModule, {});
  const input = 'abcdefghijklmnopqrstuvwxyz012345';
  check(Buffer.byteLength(input) === 32, '32 bytes');
  check(m.reverse(input) === [...input].reverse().join(''), 'reverse');
  check(m.reverse('Wörld ✓ 🎉') === '🎉 ✓ dlröW', 'reverse non-ASCII');
  let z = 0;
  batched('reverse.jco', () => { z += m.reverse(input).length; }, 1, 100_000, 20, Math.ceil(60 * R));
}

console.log(JSON.stringify(out, null, 2));
