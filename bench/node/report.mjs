// Writes bench/run.sh's section of bench/RESULTS.md (bench/results/engine.md; bench/assemble.sh puts the sections
// together) from the JMH JSON, the JMH log (for benchmarks that failed), the node peer JSON and the machine
// description, all produced by bench/run.sh:
//   node bench/node/report.mjs <target-dir> <bench/results/engine.md>
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
    return { missing: why ? `failed: ${why}` : 'not in the JMH output (not run)'.replace(' (not run)', ', not run') };
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
  if (x.missing) return `not measured: ${x.missing}`;
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
// limitNs: the goal to check (null = no goal); qual: appended to yes/no when the row is not the goal's exact measure
const row = (name, virga, peerName, p, goal, limitNs = null, qual = '') =>
  rows.push(`| ${name} | ${fmt(virga)} | ${peerName}: ${fmt(p)} | ${ratio(virga, p)} | ${goal} | ${limitNs == null ? '—' : virga.missing ? 'not measured' : goalMet(virga, limitNs) + qual} |`);

// 1. instantiate
const instComp = J('InstantiateBench.instantiate', { impl: 'component' }, 'median');
const instLift = J('InstantiateBench.instantiate', { impl: 'core-and-lift' }, 'median');
const instChic = J('InstantiateBench.instantiate', { impl: 'chicory-core' }, 'median');
const instWt = J('InstantiateBench.instantiate', { impl: 'wasmtime-core' }, 'median');
const jcoInst = N('instantiate.jco');
row('1. instantiate the reverse component, `Linker.instantiate`', instComp, 'jco `instantiate` on node', jcoInst, '≤ 100 µs median', 100e3);
row('1f. floor under 1: core instance + `canon lift` of its export, by hand (`CoreModule.instantiate` + `LiftedFunction`)', instLift, 'jco `instantiate` on node', jcoInst, '≤ 100 µs median', 100e3, ' (floor only, not the goal measure)');
row('1a. instantiate the core module, `CoreModule.instantiate` (Chicory)', instChic, 'wasmtime-java 0.19 (Store + Instance + dispose)', instWt, '(core level, no goal)');
row('1b. instantiate the core module, `CoreModule.instantiate` (Chicory)', instChic, 'node `new WebAssembly.Instance`', N('instantiate.core'), '(core level, no goal)');

// 2. reverse(string) -> string, 32 bytes
const jcoRev = N('reverse.jco');
const revChic = J('ReverseBench.reverse', { impl: 'chicory-core-abi' });
row('2. `reverse(string) -> string`, 32 B, through `Linker`/`ComponentInstance`', J('ReverseBench.reverse', { impl: 'component' }), 'jco-transpiled component on node', jcoRev, '≤ 1 µs', 1e3);
row('2l. same call through the canonical ABI\'s `LiftedFunction` on the core instance (no `Linker`)', J('ReverseBench.reverse', { impl: 'abi-lifted' }), 'jco-transpiled component on node', jcoRev, '≤ 1 µs', 1e3, ' (canon-lift level, not via `Linker`)');
row('2a. same call, canonical ABI written by hand on the core SPI (Chicory)', revChic, 'jco-transpiled component on node', jcoRev, '(floor; no goal)');
row('2b. same call, canonical ABI written by hand on the core SPI (Chicory)', revChic, 'same by hand on wasmtime-java 0.19', J('ReverseBench.reverse', { impl: 'wasmtime-core-abi' }), '(no goal)');

// 3. host-import round trip
const hc = (m, e) => J(`HostCallBench.${m}`, { engine: e });
const chc = (m) => J(`ComponentHostCallBench.${m}`, {});
row('3. host-import round trip guest → Java → guest, component import `host-add: func(u32,u32)->u32` via `Linker.function`', chc('importRoundTrip'), 'jco-transpiled component on node (JS import)', N('component.importRoundTrip'), '≤ 0.2 µs', 200);
row('3. host-import round trip, Virga component (as above)', chc('importRoundTrip'), 'wasmtime-java 0.19, core module + raw i32 host function (no component model in 0.19)', hc('importRoundTrip', 'wasmtime'), '≤ 0.2 µs', 200);
row('3e. one export call `call-host(u32,u32)` from Java that calls the import once, component level', chc('exportCallingImport'), 'jco-transpiled component on node', N('component.exportCallingImport'), '(no goal)');
for (const [peerName, p] of [['wasmtime-java 0.19', hc('importRoundTrip', 'wasmtime')], ['node (JS import)', N('hostcall.importRoundTrip')]])
  row('3l. same round trip, the host function as a bare `LoweredFunction` (`canon lower`) on a core import, no `Linker`', hc('importRoundTrip', 'chicory-canon-lower'), peerName, p, '≤ 0.2 µs', 200, ' (canon-lower level)');
for (const [peerName, p] of [['wasmtime-java 0.19', hc('importRoundTrip', 'wasmtime')], ['node (JS import)', N('hostcall.importRoundTrip')]])
  row('3c. same round trip, host function on the core SPI (`CoreFunction.host`, raw i32s)', hc('importRoundTrip', 'chicory'), peerName, p, '≤ 0.2 µs', 200, ' (core level)');
for (const [peerName, p] of [['wasmtime-java 0.19', hc('exportCallingImport', 'wasmtime')], ['node', N('hostcall.exportCallingImport')]])
  row('3a. Java → export → host import → back to Java (one `call_host`, core SPI host function)', hc('exportCallingImport', 'chicory'), peerName, p, '(no goal)');
for (const [peerName, p] of [['wasmtime-java 0.19', hc('exportCall', 'wasmtime')], ['node', N('hostcall.exportCall')]])
  row('3b. bare core export call `add(i32,i32)`', hc('exportCall', 'chicory'), peerName, p, '(no goal)');

// 4. compute
const kernels = { sieve: 'prime sieve 1e7', matmul: '200×200 f64 matmul', crc32: 'crc32 of 20 MiB' };
for (const [k, label] of Object.entries(kernels)) {
  const c = J(`ComputeBench.${k}`, { engine: 'chicory' });
  row(`4. ${label}, Chicory (ChicoryEngine)`, c, 'wasmtime-java 0.19', J(`ComputeBench.${k}`, { engine: 'wasmtime' }), 'ratio reported');
  // issue goal: within 1.5× of V8 in the same run, judged on the upper end of Virga's error bar
  const v8 = N(`compute.${k}`);
  const upper = c.missing || v8.missing ? null : ((c.value + (Number.isFinite(c.err) ? c.err : 0)) * toNs[c.unit]) / (v8.value * toNs[v8.unit]);
  const met = upper == null ? 'not measured' : `${upper <= 1.5 ? '**yes**' : '**no**'} (upper end ${upper.toFixed(2)}×)`;
  rows.push(`| 4. ${label}, Chicory (ChicoryEngine) | ${fmt(c)} | node (V8): ${fmt(v8)} | ${ratio(c, v8)} | ≤ 1.5× V8 | ${met} |`);
}

const notes = [];
if (runInfo.quick) notes.push('**Quick run** (`run.sh --quick`): short JMH iterations and fewer node samples; use it to check the harness, not for the figures.');
if (runInfo.loadBefore) notes.push(`Load average before the run: ${runInfo.loadBefore}; after: ${runInfo.loadAfter}. The machine has ${runInfo.nproc} cores${Number(runInfo.loadBefore?.split(/[ ,]+/)[0]) > 1 || Number(runInfo.loadAfter?.split(/[ ,]+/)[0]) > 1 ? ', and other processes (other engineers\' builds and tests) were using them during the run, so every figure may be inflated by contention; each pair was measured in the same script run, so the ratios are somewhat less affected than the absolute numbers' : ''}.`);
notes.push('The node peer runs first, then JMH, in the same `run.sh` invocation (never concurrently), so a Virga figure and its node peer were taken minutes apart under possibly different load; Virga and wasmtime-java pairs come from the same JMH run (one fork per engine, one after the other).');
notes.push('Large ± (JMH 99.9 % error over 5 iterations) means iterations disagreed, i.e. contention during the run; treat those rows as rough.');
if (runInfo.jmhArgs) notes.push(`JMH options: \`${runInfo.jmhArgs}\`.`);

const when = (runInfo.date || '').replace(/\.\d+Z$/, 'Z') || '(date unknown)';
const loaded = Number(runInfo.loadBefore?.split(/[ ,]+/)[0]) > 1 || Number(runInfo.loadAfter?.split(/[ ,]+/)[0]) > 1;
const indexNote = [runInfo.quick ? 'quick run (--quick), to check the harness' : '', loaded ? 'shared machine (load average above 1)' : ''].filter(Boolean).join('; ');
const md = `<!-- section: engine | script: bench/run.sh | date: ${when}${indexNote ? ` | note: ${indexNote}` : ''} -->
## Engine (bench/run.sh): Virga components vs wasmtime-java and node

${notes.map((n) => `- ${n}`).join('\n')}

Ratio = Virga ÷ peer (below 1× Virga is faster). "mean" is JMH's average over the measurement iterations (± its 99.9 %
error), "median" is JMH's sampled median or, for node, the median over timed batches (see \`node/peer.mjs\`).

| benchmark | Virga | peer | ratio | goal | met? |
|---|---|---|---|---|---|
${rows.join('\n')}

### What each row measures

- **1** \`InstantiateBench\` (JMH \`SampleTime\`): \`Linker.instantiate\` of \`guests/wasm/reverse.wasm\` (C, no imports, 1.2 KB) compiled once
  with \`Engine.compile\`. Peer: \`instantiate()\` of the same component transpiled by \`jco transpile --instantiation sync\`,
  core module pre-compiled. **1f**: \`CoreModule.instantiate\` of the component's core module plus constructing the
  \`LiftedFunction\` for its export with a fresh \`ComponentInstanceState\` — the least a component instantiation of this
  guest does, so a floor under 1, not a substitute. **1a/1b**: the guest's core module (\`guests/reverse/reverse.c\`, same flags as \`guests/build.sh\`)
  instantiated through the core SPI vs wasmtime-java (a fresh \`Store\` per instance, created and disposed in the timed code,
  because wasmtime frees instances only with their store) vs \`new WebAssembly.Instance\` in node.
- **2** \`ReverseBench\`: \`ComponentFunction.call(Value.string(s))\` of the 32-byte ASCII string
  \`abcdefghijklmnopqrstuvwxyz012345\` (lower, call, lift, post-return). Peer: the jco-transpiled component's \`reverse\` on node.
  **2l**: \`LiftedFunction.call(Value.string(s))\` (the component layer's \`canon lift\`: utf8, memory, \`cabi_realloc\`,
  \`cabi_post_reverse\`) over the guest's core module instantiated through \`ChicoryEngine\`; the same work as 2 minus the
  \`Linker\`/\`ComponentInstance\` dispatch.
  **2a/2b**: the same canonical-ABI steps written by hand (UTF-8 encode, \`cabi_realloc\`, write, \`reverse\`, read, decode,
  \`cabi_post_reverse\`) over the core SPI on Chicory and over wasmtime-java.
- **3/3e** \`ComponentHostCallBench\` on \`guest/hostcall.component.wat\` (a component built with \`jco parse\`): the export
  \`call-host-loop(n)\` calls the component import \`host-add\`, supplied with \`Linker.function\` as a Java lambda on
  \`Value\`s, 10,000 times (score per round trip). Peer: the same component transpiled by jco with \`host-add\` a JS function;
  wasmtime-java 0.19 has no component model, so its figure is the core-level row 3c's.
- **3l/3c/3a/3b** \`HostCallBench\` on \`guest/hostcall.wat\` (core module): the guest calls import \`env.host_add(i32,i32)->i32\` 10,000 times in a loop
  (score per round trip). **3l**: the host function is a \`LoweredFunction\` (\`canon lower\` of a Java
  \`func(a: u32, b: u32) -> u32\` working on \`Value\`s), what a component's host import costs for scalar arguments;
  **3c**: \`CoreFunction.host\` (raw core values); peers: \`WasmFunctions.wrap\` (wasmtime-java, raw i32s), a JS function (node).
  The host function is trivial, so the JIT may inline it into the compiled guest: these rows are the dispatch cost.
  **3a** one \`call_host\` from Java (export call + one import call), **3b** a bare export call.
- **4** \`ComputeBench\` on \`guest/bench.c\` (copy of the shared \`examples/guests/c/bench.c\`, built with
  \`clang --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor -Wl,--strip-all\`, no imports): one call per op.
  Chicory runs its compiled code over the engine's flat-array memory (\`FlatMemory\`, exactly as long as the memory
  unless it grows a page at a time), with the classes Chicory generates rewritten before they load
  (\`GeneratedClassRewriter\`: loop back-edges poll \`GuestInterrupts\` instead of the thread's volatile interrupt flag;
  loads and stores go through \`MemoryAccess\`) and JIT inlining directives installed at start (\`JitDirectives\`); the goal
  column is the engine issue's (every row within 1.5× of V8 in the same run, judged on the upper end of Virga's ±).

### Machine

\`\`\`
${machine.trim()}
\`\`\`
`;
writeFileSync(outFile, md);
console.log(`wrote ${outFile} (${rows.length} rows)`);
