// Writes bench/RESULTS.md from the JMH JSON, the JMH log (for benchmarks that failed), the node peer JSON and
// the machine description, all produced by bench/run.sh:
//   node bench/node/report.mjs <target-dir> <RESULTS.md>
// Every number in the table is read from those files; a missing one is printed as "not measured" with the reason.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [target, outFile] = process.argv.slice(2);
const read = (f) => (existsSync(join(target, f)) ? readFileSync(join(target, f), 'utf8') : null);
const jmh = JSON.parse(read('jmh.json') || '[]');
const peer = JSON.parse(read('peer.json') || '{"results":{}}');
const log = read('jmh.log') || '';
const machine = read('machine.txt') || '(missing)';
const runInfo = JSON.parse(read('run.json') || '{}');

// failures from the JMH log: "# Benchmark: X" + "# Parameters: (...)" followed by an exception before "Result"
const failures = new Map();
{
  let bench = null, params = '';
  for (const line of log.split('\n')) {
    let m;
    if ((m = line.match(/^# Benchmark: (\S+)/))) { bench = m[1]; params = ''; continue; }
    if ((m = line.match(/^# Parameters: \((.*)\)/))) { params = m[1]; continue; }
    if (bench && (m = line.match(/^([\w.$]+(Exception|Error)): ?(.*)/))) {
      const key = `${bench}|${params}`;
      if (!failures.has(key)) failures.set(key, `${m[1].split('.').pop()}: ${m[3]}`);
    }
  }
}

// a JMH result: {value, unit, stat} or {missing: reason}
function J(bench, params, stat = 'mean') {
  const full = `virga.bench.${bench}`;
  const r = jmh.find((x) => x.benchmark === full && Object.entries(params).every(([k, v]) => x.params?.[k] === v));
  const ptxt = Object.entries(params).map(([k, v]) => `${k} = ${v}`).join(', ');
  if (!r) {
    const why = failures.get(`${full}|${ptxt}`);
    return { missing: why ? `failed: ${why}` : 'not in the JMH output (not run)' };
  }
  const pm = r.primaryMetric;
  const unit = pm.scoreUnit.replace('/op', '');
  if (stat === 'median') return { value: pm.scorePercentiles['50.0'], unit, stat: 'median' };
  return { value: pm.score, unit, stat: 'mean', err: pm.scoreError };
}
function N(key) {
  const r = peer.results?.[key];
  if (!r) return { missing: peer.error ? `node peer failed: ${peer.error}` : 'not in the node output' };
  return { value: r.median, unit: r.unit, stat: 'median' };
}
const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };
// values are printed in the largest unit that keeps them >= 1 (ns, µs, ms), with 3 significant digits
const fmt = (x) => {
  if (x.missing) return `not measured (${x.missing})`;
  const ns = x.value * toNs[x.unit];
  const [unit, div] = ns >= 1e6 ? ['ms', 1e6] : ns >= 1e3 ? ['µs', 1e3] : ['ns', 1];
  const v = ns / div;
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  const err = x.err && Number.isFinite(x.err) ? ` ± ${((x.err * toNs[x.unit]) / div).toFixed(digits)}` : '';
  return `${v.toFixed(digits)}${err} ${unit} (${x.stat})`;
};
const ratio = (a, b) => {
  if (a.missing || b.missing) return '—';
  const r = (a.value * toNs[a.unit]) / (b.value * toNs[b.unit]);
  return r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toPrecision(2)}×`;
};
const goalMet = (a, limitNs) => (a.missing ? 'not measured' : a.value * toNs[a.unit] <= limitNs ? '**yes**' : '**no**');

const rows = [];
const row = (name, virga, peerName, p, unit, goal, limitNs) =>
  rows.push(`| ${name} | ${fmt(virga)} | ${peerName}: ${fmt(p)} | ${ratio(virga, p)} | ${goal} | ${limitNs == null ? '—' : goalMet(virga, limitNs)} |`);

// 1. instantiate
const instComp = J('InstantiateBench.instantiate', { impl: 'component' }, 'median');
const instChic = J('InstantiateBench.instantiate', { impl: 'chicory-core' }, 'median');
const instWt = J('InstantiateBench.instantiate', { impl: 'wasmtime-core' }, 'median');
row('1. instantiate reverse component (Virga `Linker.instantiate`)', instComp, 'jco `instantiate` on node', N('instantiate.jco'), 'us', '≤ 100 µs median', 100e3);
row('1a. instantiate reverse core module (`CoreModule.instantiate`, Chicory)', instChic, 'wasmtime-java 0.19 (Store + Instance + dispose)', instWt, 'us', '(core level, no goal)', null);
row('1b. instantiate reverse core module (`CoreModule.instantiate`, Chicory)', instChic, 'node `new WebAssembly.Instance`', N('instantiate.core'), 'us', '(core level, no goal)', null);

// 2. reverse(string) -> string, 32 bytes
const revComp = J('ReverseBench.reverse', { impl: 'component' });
const revChic = J('ReverseBench.reverse', { impl: 'chicory-core-abi' });
const revWt = J('ReverseBench.reverse', { impl: 'wasmtime-core-abi' });
row('2. `reverse(string) -> string`, 32 B, component API', revComp, 'jco-transpiled component on node', N('reverse.jco'), 'us', '≤ 1 µs', 1e3);
row('2a. same call, canonical ABI by hand on the core SPI (Chicory)', revChic, 'jco-transpiled component on node', N('reverse.jco'), 'us', '(floor under 2; no goal)', null);
row('2b. same call, canonical ABI by hand on the core SPI (Chicory)', revChic, 'same by hand on wasmtime-java 0.19', revWt, 'us', '(no goal)', null);

// 3. host-import round trip
for (const [peerName, p] of [
  ['wasmtime-java 0.19', J('HostCallBench.importRoundTrip', { engine: 'wasmtime' })],
  ['node (JS import)', N('hostcall.importRoundTrip')],
]) row('3. host-import round trip guest → Java → guest (`CoreFunction.host`, in a guest loop)', J('HostCallBench.importRoundTrip', { engine: 'chicory' }), peerName, p, 'us', '≤ 0.2 µs', 200);
for (const [peerName, p] of [
  ['wasmtime-java 0.19', J('HostCallBench.exportCallingImport', { engine: 'wasmtime' })],
  ['node', N('hostcall.exportCallingImport')],
]) row('3a. Java → export → host import → back to Java (one `call_host`)', J('HostCallBench.exportCallingImport', { engine: 'chicory' }), peerName, p, 'us', '(no goal)', null);
for (const [peerName, p] of [
  ['wasmtime-java 0.19', J('HostCallBench.exportCall', { engine: 'wasmtime' })],
  ['node', N('hostcall.exportCall')],
]) row('3b. bare core export call `add(i32,i32)`', J('HostCallBench.exportCall', { engine: 'chicory' }), peerName, p, 'us', '(no goal)', null);

// 4. compute
const kernels = { sieve: 'prime sieve 1e7', matmul: '200×200 f64 matmul', crc32: 'crc32 of 20 MiB' };
for (const [k, label] of Object.entries(kernels)) {
  const c = J(`ComputeBench.${k}`, { engine: 'chicory' });
  row(`4. ${label}, Chicory (ChicoryEngine)`, c, 'wasmtime-java 0.19', J(`ComputeBench.${k}`, { engine: 'wasmtime' }), 'ms', 'ratio reported', null);
  row(`4. ${label}, Chicory (ChicoryEngine)`, c, 'node (V8)', N(`compute.${k}`), 'ms', 'ratio reported', null);
}

const notes = [];
if (runInfo.quick) notes.push('**Quick run** (`run.sh --quick`): short JMH iterations and fewer node samples; use it to check the harness, not for the figures.');
if (runInfo.loadBefore) notes.push(`Load average before the run: ${runInfo.loadBefore}; after: ${runInfo.loadAfter}. The machine has ${runInfo.nproc} cores${Number(runInfo.loadBefore?.split(/[ ,]+/)[0]) > 1 || Number(runInfo.loadAfter?.split(/[ ,]+/)[0]) > 1 ? ', and other processes (other engineers\' builds and tests) were using them during the run, so every figure may be inflated by contention; each pair was measured in the same run, so the ratios are less affected than the absolute numbers' : ''}.`);
if (runInfo.jmhArgs) notes.push(`JMH options: \`${runInfo.jmhArgs}\`.`);

const md = `# Benchmark results

Generated by \`bench/run.sh\` on ${runInfo.date || '(date unknown)'} — do not edit by hand; rerun the script.

${notes.map((n) => `- ${n}`).join('\n')}

Ratio = Virga ÷ peer (below 1× Virga is faster). "mean" is JMH's average over the measurement iterations (± its 99.9 %
error), "median" is JMH's sampled median or, for node, the median over timed batches (see \`node/peer.mjs\`).

| benchmark | Virga | peer | ratio | goal | met? |
|---|---|---|---|---|---|
${rows.join('\n')}

## What each row measures

- **1** \`InstantiateBench\` (JMH \`SampleTime\`): \`Linker.instantiate\` of \`guests/wasm/reverse.wasm\` (C, no imports, 1.2 KB) compiled once
  with \`Engine.compile\`. Peer: \`instantiate()\` of the same component transpiled by \`jco transpile --instantiation sync\`,
  core module pre-compiled. **1a/1b**: the guest's core module (\`guests/reverse/reverse.c\`, same flags as \`guests/build.sh\`)
  instantiated through the core SPI vs wasmtime-java (a fresh \`Store\` per instance, created and disposed in the timed code,
  because wasmtime frees instances only with their store) vs \`new WebAssembly.Instance\` in node.
- **2** \`ReverseBench\`: \`ComponentFunction.call(Value.string(s))\` of the 32-byte ASCII string
  \`abcdefghijklmnopqrstuvwxyz012345\` (lower, call, lift, post-return). Peer: the jco-transpiled component's \`reverse\` on node.
  **2a/2b**: the same canonical-ABI steps written by hand (UTF-8 encode, \`cabi_realloc\`, write, \`reverse\`, read, decode,
  \`cabi_post_reverse\`) over the core SPI on Chicory and over wasmtime-java.
- **3** \`HostCallBench\` on \`guest/hostcall.wat\`: the guest calls import \`env.host_add(i32,i32)->i32\` 10,000 times in a loop
  (score per round trip); the host function is \`CoreFunction.host\` (Chicory), \`WasmFunctions.wrap\` (wasmtime-java), a JS
  function (node). **3a** one \`call_host\` from Java (export call + one import call), **3b** a bare export call.
  These are core-level: a component-level host import additionally lifts/lowers its arguments.
- **4** \`ComputeBench\` on \`guest/bench.c\` (copy of the shared \`examples/guests/c/bench.c\`, built with
  \`clang --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -Wl,--strip-all\`, no imports): one call per op.

## Machine

\`\`\`
${machine.trim()}
\`\`\`
`;
writeFileSync(outFile, md);
console.log(`wrote ${outFile} (${rows.length} rows)`);
