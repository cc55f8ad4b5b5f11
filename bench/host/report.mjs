// Writes bench/host/run.sh's section of bench/RESULTS.md (bench/results/host.md) from what the script left in
// bench/target/host: run.txt, jmh.json, memory.*.txt, the wrk outputs *.wrk and *.cpu, host.err, restart.txt.
//   node bench/host/report.mjs <bench/target/host> <bench/results/host.md>
// Every figure is read from those files; a part that did not run or failed says so and where to look.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [dir, outFile] = process.argv.slice(2);
const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null);
const kv = (text) => {
  const m = {};
  for (const line of (text || '').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) m[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return m;
};
const run = kv(read('run.txt'));
const parts = (run.parts || '').split(/\s+/);
const ran = (p) => parts.includes(p);
const smoke = run.smoke === '1';
const n3 = (x) => {
  const v = Number(x);
  if (!Number.isFinite(v)) return String(x);
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
};
const out = [];
const p = (...lines) => out.push(...lines);

p(`<!-- section: host | script: bench/host/run.sh | date: ${run.date || '(unknown)'}${smoke ? ' | note: smoke run (--smoke) on a shared machine: proves the harness, not a measurement' : ''} -->`);
p('## Host (bench/host/run.sh): workloads on one WorkloadHost', '');
if (smoke) {
  p('**Smoke run** (`bench/host/run.sh --smoke`): every part ran once with short iterations on a shared 2-core machine,',
    'to prove that the harness works end to end. The figures below are not a measurement; rerun without `--smoke` on a',
    'quiet machine for those.', '');
}
p(`Load average before: ${run.load_before || '?'}; after: ${run.load_after || '?'} (${run.nproc || '?'} cores, other work on the machine included).`,
  `Commit ${run.commit || '?'}; ${run.java || '?'}; node ${run.node || '?'}; ${run.cpu || '?'}.`, '');

// ---- a. JMH
const jmh = JSON.parse(read('jmh.json') || '[]');
const bench = (name, params) =>
  jmh.find((x) => x.benchmark === `virga.bench.host.${name}` && Object.entries(params).every(([k, v]) => x.params?.[k] === v));
const samples = (r) => (r.primaryMetric.rawDataHistogram || []).flat(2).reduce((s, [, c]) => s + c, 0);
const us = (r, pct) => r.primaryMetric.scorePercentiles[pct] * (r.primaryMetric.scoreUnit.startsWith('ms') ? 1000 : 1);
const dur = (micros) => (micros >= 1000 ? `${n3(micros / 1000)} ms` : `${n3(micros)} µs`);
const jmhRow = (label, r) =>
  r ? `| ${label} | ${dur(us(r, '50.0'))} | ${dur(us(r, '90.0'))} | ${dur(us(r, '99.0'))} | ${samples(r)} |`
    : `| ${label} | not measured (see bench/target/host/jmh.log) | | | |`;

p('### a. Workload start latency (start request → RUNNING, component cached)', '');
if (!ran('start')) p('Not run (PARTS).', '');
else {
  p('| workload | p50 | p90 | p99 | samples |', '|---|---|---|---|---|');
  for (const ps of ['0', '4'])
    p(jmhRow(`one HTTP component (wasi-http-hello), poolSize ${ps}`, bench('WorkloadStartBench.start', { poolSize: ps })));
  p('', '`WorkloadStartBench` (JMH SampleTime): `WorkloadHost.start` of the `WorkloadStartRequest` that a one-component',
    'manifest becomes (built in code: no YAML parsing), until it returns RUNNING: the image read and hashed, a compile-cache',
    'hit, plugin binding, the link plan, one instance created to prove that every import is served, the pool, the ingress',
    'route for `config.host`. Each sample\'s workload is stopped after it, outside the measured time.', '');
  p('#### Per-request instantiation, step by step (fresh instance per request)', '');
  p('| step | p50 | p90 | p99 | samples |', '|---|---|---|---|---|');
  const steps = [
    ['wasi-context', 'build (and close) the request\'s `WasiContext`'],
    ['link-wasi', 'link the WASI packages it imports (and wasi:io, wasi:http) into a fresh `Linker`'],
    ['instantiate', '`Linker.instantiate` on a linker linked once'],
    ['per-request', 'all three: what `IncomingHandlerRunner` (`host serve`) does per request'],
  ];
  for (const [step, label] of steps) p(jmhRow(label, bench('RequestInstantiateBench.run', { step })));
  p('', '`RequestInstantiateBench` on `guests/wasm/wasi-http-hello.wasm` compiled once; this replaces the old hand-measured',
    '"instantiation alone" paragraph of the HTTP section. Aim (issue 8): link once per component, instantiate per request,',
    '≤ 50 µs of server CPU per request.', '');
}

// ---- b. memory
p('### b. Memory per idle workload (one host, `-Xmx1g`)', '');
if (!ran('memory')) p('Not run (PARTS).', '');
else {
  const files = readdirSync(dir).filter((f) => /^memory\.\d+(\.touched)?\.txt$/.test(f))
    .sort((a, b) => parseInt(a.split('.')[1]) - parseInt(b.split('.')[1]) || a.length - b.length);
  p('| workloads | state | started | fit in the 1 GiB heap | heap used after GC | baseline | per workload | threads before → after | RSS | time to start all |',
    '|---|---|---|---|---|---|---|---|---|---|');
  let goal = null;
  for (const f of files) {
    const m = kv(read(f));
    const state = m.touched === 'true' ? `one request each, poolSize ${m.pool_size} (a warm instance each)` : `idle, poolSize ${m.pool_size}, no request yet`;
    if (!m.started) { p(`| ${f.split('.')[1]} | ${state} | failed: see bench/target/host/${f.replace('.txt', '.err')} | | | | | | | |`); continue; }
    const fits = m.fits === 'true' ? 'yes' : `**no** (${m.error.replace(/_/g, ' ')})`;
    p(`| ${m.count} | ${state} | ${m.started} | ${fits} | ${n3(m.heap_mb)} MB | ${n3(m.baseline_heap_mb)} MB | ${n3(m.per_workload_kb)} KB | ${m.threads_before} → ${m.threads_after} | ${n3(m.rss_mb)} MB | ${n3(m.start_seconds)} s |`);
    if (m.count === '1000' && m.touched !== 'true') goal = m.fits === 'true';
  }
  p('', `Goal (1,000 small HTTP workloads on one host within a 1 GiB heap): ${goal == null ? 'not checked (no idle 1,000 run)' : goal ? '**met**' : '**not met**'}.`,
    '`HostBench memory`: one JVM per row (`-Xmx1g`); a warm-up workload is started, called and stopped first (component',
    'compiled, classes loaded), then the heap used after three `System.gc()` is the baseline; N one-component HTTP workloads',
    '(each its own `config.host`) are started and routed, the first and last are called through the router, and the heap',
    'used after GC again, minus the baseline, divided by N is the figure per workload.', '');
}

// ---- c. HTTP
p('### c. HTTP requests/s through Host-header routing vs `jco serve`', '');
if (!ran('http')) p('Not run (PARTS).', '');
else {
  const wrk = (label) => read(`${label}.wrk`);
  const field = (t, re) => (t && (t.match(re) || [])[1]) || null;
  const toMs = (v) => {
    if (!v) return NaN;
    const x = parseFloat(v);
    return v.endsWith('us') ? x / 1000 : v.endsWith('ms') ? x : v.endsWith('s') ? x * 1000 : x;
  };
  const rps = (l) => Number(field(wrk(l), /Requests\/sec:\s+([\d.]+)/));
  const row = (label, l) => {
    const t = wrk(l);
    if (!t) return `| ${label} | not measured | | | | |`;
    const errs = (t.match(/(Non-2xx.*|Socket errors.*)/g) || []).join('; ');
    return `| ${label} | ${n3(rps(l))} | ${n3(toMs(field(t, /\s50%\s+(\S+)/)))} ms | ${n3(toMs(field(t, /\s99%\s+(\S+)/)))} ms | ${(read(`${l}.cpu`) || 'n/a').trim()} µs | ${errs} |`;
  };
  const rounds = Number(run.rounds || 1);
  p(`wrk -t${run.threads} -c${run.conns} -d${run.duration} --latency on 127.0.0.1 after a ${run.warmup} warm-up of the same load, ${rounds} alternating round(s);`,
    `one host JVM (\`HostBench serve\`: \`WorkloadHost\` + \`HostRouter\` on the wasi:http server, ${run.workers} workers) serves two workloads of`,
    `\`guests/wasm/wasi-http-hello.wasm\`, \`Host: pool.localhost\` (poolSize ${run.pool_size}) and \`Host: fresh.localhost\` (poolSize 0, a fresh`,
    'instance per request); node `jco serve` of the same component runs next to it (idle while the host is loaded, and',
    'the other way round). Server CPU per request = the server\'s process-group CPU time over the measured window ÷ requests.', '');
  p('| server | requests/s | p50 | p99 | server CPU / request | errors |', '|---|---|---|---|---|---|');
  for (let r = 1; r <= rounds; r++) {
    p(row(`round ${r}: host, Host-header routing, pool (poolSize ${run.pool_size})`, `pool.${r}`));
    p(row(`round ${r}: host, Host-header routing, fresh instance per request`, `fresh.${r}`));
    p(row(`round ${r}: jco serve (node ${run.node}, one shared instance)`, `jco.${r}`));
  }
  p(row('jco serve --isolate-requests instance (fresh instance per request)', 'iso.1'));
  const mean = (k) => { let s = 0, n = 0; for (let r = 1; r <= rounds; r++) { const v = rps(`${k}.${r}`); if (v) { s += v; n++; } } return n ? s / n : NaN; };
  const pool = mean('pool'), fresh = mean('fresh'), jco = mean('jco');
  const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : 'n/a');
  p('', `Mean requests/s: pool ${n3(pool)}, fresh ${n3(fresh)}, jco serve ${n3(jco)}: the pool makes **${ratio(pool, jco)}** jco serve's requests/s, a fresh instance per request ${ratio(fresh, jco)}.`);
  p(`Goal (issue 8: 10× jco serve's requests/s): ${Number.isFinite(pool / jco) ? (pool / jco >= 10 ? '**met**' : '**not met**') : 'not measured'} (pool).`);
  const unknown = (read('unknown.status') || '').trim();
  p(`A request for an unknown host (\`Host: nobody.localhost\`) was answered ${unknown || '?'} (404 expected).`, '');
  const meters = (read('host.err') || '').split('\n').filter((l) => /^(served|meter )/.test(l));
  if (meters.length) p('<details><summary>host counters and meters at shutdown</summary>', '', '```', ...meters, '```', '</details>', '');
  const all = readdirSync(dir).filter((f) => f.endsWith('.wrk')).sort();
  p('<details><summary>wrk output</summary>', '', '```');
  for (const f of all) p(`# ${f.replace('.wrk', '')}`, read(f).trimEnd());
  p('```', '</details>', '');
}

// ---- d. restart
p('### d. Service restart latency (crash → next incarnation running)', '');
if (!ran('restart')) p('Not run (PARTS).', '');
else {
  const m = kv(read('restart.txt'));
  if (!m.restart_n) p('Failed: see bench/target/host/restart.err.', '');
  else {
    p('| restarts measured | backoff | p50 | p90 | p99 | max | mean |', '|---|---|---|---|---|---|---|');
    p(`| ${m.restart_n} of ${m.restarts_asked} | ${m.backoff_ms} ms | ${n3(m.restart_p50_ms)} ms | ${n3(m.restart_p90_ms)} ms | ${n3(m.restart_p99_ms)} ms | ${n3(m.restart_max_ms)} ms | ${n3(m.restart_mean_ms)} ms |`);
    p('', '`HostBench restart`: the `examples/cron-service` workload (its component and its service) with the service\'s',
      `\`CRASH_AFTER=1\` and \`INTERVAL_MS=${m.interval_ms}\`: every incarnation prints its start line, waits ${m.interval_ms} ms, prints "crashing on purpose"`,
      'and traps. A sample is the time from that line to the next incarnation\'s start line, as the host receives the',
      'guest\'s output: trap, supervisor, backoff, a fresh instance (new WASI context, link, instantiate), `run` called.',
      `The harness sets the backoff to ${m.backoff_ms} ms to measure the host's own cost (the default policy waits 200 ms before the`,
      'first restart, doubling up to 10 s); `maxRestarts` is the number of restarts.',
      `First start of the workload (compiles both components): ${n3(m.start_to_running_ms)} ms to RUNNING. Incarnations ${m.incarnations}, crashes ${m.crashes}; final state ${m.final_state}: ${(m.final_message || '').replace(/_/g, ' ')}.`, '');
  }
}

writeFileSync(outFile, out.join('\n'));
console.log(`wrote ${outFile}`);
