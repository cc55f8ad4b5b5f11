// JS command guest (componentize-qjs 0.4.5 --sync, QuickJS). The runtime has no console, TextEncoder or crypto
// (it has Date, Math.random and performance.now), so everything goes through the WASI imports directly.
// Imports must not be called at module top level: Wizer snapshots that at build time.
//   wasi-js-command [--fs DIR] [--exit N] [ARGS...]
// Prints only facts that are the same on every conforming host (no times, no random values).
import environment from 'wasi:cli/environment@0.2.12';
import exit from 'wasi:cli/exit@0.2.12';
import stdin from 'wasi:cli/stdin@0.2.12';
import stdout from 'wasi:cli/stdout@0.2.12';
import stderr from 'wasi:cli/stderr@0.2.12';
import monotonic from 'wasi:clocks/monotonic-clock@0.2.12';
import wallClock from 'wasi:clocks/wall-clock@0.2.12';
import random from 'wasi:random/random@0.2.12';
import insecure from 'wasi:random/insecure@0.2.12';
import insecureSeed from 'wasi:random/insecure-seed@0.2.12';
import preopens from 'wasi:filesystem/preopens@0.2.12';

const ENV_NAMES = ['GREETING', 'UNICODE', 'VIRGA_UNSET'];

const utf8 = (s) => {
  const a = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x80) a.push(c);
    else if (c < 0x800) a.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) a.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else a.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(a);
};
const fromUtf8 = (bytes) => decodeURIComponent(Array.from(bytes, (b) => '%' + b.toString(16).padStart(2, '0')).join(''));
const fnv1a = (bytes, h = 0x811c9dc5) => {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
};
const hex = (n) => n.toString(16).padStart(8, '0');
const write = (stream, s) => {
  // blocking-write-and-flush takes at most 4096 bytes per call
  const bytes = utf8(s);
  for (let i = 0; i < bytes.length; i += 4096) stream.blockingWriteAndFlush(bytes.subarray(i, i + 4096));
};
let out;
const say = (s) => write(out, s + '\n');
// a WIT error arrives as an Error whose payload is the WIT value (a variant { tag, val } or an enum string)
const errName = (e) => {
  const p = e && typeof e === 'object' && 'payload' in e ? e.payload : e;
  return p && typeof p === 'object' && 'tag' in p ? p.tag : typeof p === 'string' ? p : String(p);
};

function readAllStdin() {
  const input = stdin.getStdin();
  const chunks = [];
  let total = 0;
  for (;;) {
    let chunk;
    try {
      chunk = input.blockingRead(65536);
    } catch (e) {
      if (errName(e) === 'closed') break;
      throw e;
    }
    chunks.push(chunk);
    total += chunk.length;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.length; }
  return all;
}

function clocks() {
  const m1 = monotonic.now();
  const res = monotonic.resolution();
  const wall = wallClock.now();
  const dateNow = Date.now();
  const p1 = performance.now();
  const p2 = performance.now();
  const m2 = monotonic.now();
  say(`monotonic non-decreasing=${m2 >= m1} resolution>0=${res > 0}`);
  say(`wall after-2020=${wall.seconds > 1577836800} nanoseconds<1e9=${wall.nanoseconds < 1e9}`);
  say(`wall resolution>0=${(() => { const r = wallClock.resolution(); return r.seconds > 0 || r.nanoseconds > 0; })()}`);
  say(`Date.now within 60s of wall-clock=${Math.abs(dateNow - wall.seconds * 1000) < 60000}`);
  say(`performance.now non-decreasing=${p2 >= p1} >=0=${p1 >= 0}`);
  const d = new Date(Date.UTC(2024, 1, 29, 12, 0, 0));
  say(`Date arithmetic ${d.toISOString()} day=${d.getUTCDay()}`);
}

function randoms() {
  const a = random.getRandomBytes(32);
  const b = random.getRandomBytes(32);
  say(`random bytes len=${a.length} type=${a.constructor.name} differ=${fnv1a(a) !== fnv1a(b) || a.some((x, i) => x !== b[i])}`);
  const u = random.getRandomU64();
  say(`random u64 type=${typeof u} nonneg=${u >= 0}`);
  const ins = insecure.getInsecureRandomBytes(16);
  say(`insecure bytes len=${ins.length} u64 type=${typeof insecure.getInsecureRandomU64()}`);
  const seed = insecureSeed.insecureSeed();
  say(`insecure-seed tuple=${Array.isArray(seed)} len=${seed.length}`);
  let inRange = true;
  for (let i = 0; i < 1000; i++) { const r = Math.random(); if (!(r >= 0 && r < 1)) inRange = false; }
  say(`Math.random in [0,1)=${inRange}`);
}

function files(dirName) {
  const dirs = preopens.getDirectories();
  const found = dirs.find(([, name]) => name === dirName);
  say(`fs preopen ${dirName} found=${!!found}`);
  if (!found) return 4;
  const [dir] = found;
  say(`fs preopen type=${dir.getType()}`);
  dir.createDirectoryAt('js-sub');
  const f = dir.openAt({ symlinkFollow: false }, 'js-sub/notes.txt', { create: true, exclusive: true }, { read: true, write: true });
  const text = 'héllo from js\n';
  const n1 = f.write(utf8(text), 0);
  const n2 = f.write(utf8('second line\n'), n1);
  say(`fs wrote ${n1}+${n2} bytes`);
  const st = f.stat();
  say(`fs stat type=${st.type} size=${st.size}`);
  const [data, eof] = f.read(1000, 0);
  say(`fs read len=${data.length} eof=${eof} text=${JSON.stringify(fromUtf8(data))}`);
  const [tail] = f.read(6, 12);
  say(`fs pread@12=${JSON.stringify(fromUtf8(tail))}`);
  f.setSize(5);
  say(`fs truncated size=${f.stat().size}`);
  f[Symbol.dispose]();
  try {
    dir.openAt({ symlinkFollow: false }, 'js-sub/notes.txt', { create: true, exclusive: true }, { write: true });
    say('fs exclusive create of existing: opened?!');
  } catch (e) {
    say(`fs exclusive create of existing: ${errName(e)}`);
  }
  try {
    dir.openAt({ symlinkFollow: false }, 'missing.txt', {}, { read: true });
    say('fs open missing: opened?!');
  } catch (e) {
    say(`fs open missing: ${errName(e)}`);
  }
  try {
    dir.openAt({ symlinkFollow: false }, '../escape.txt', { create: true }, { write: true });
    say('fs open ../escape.txt: opened?!');
  } catch (e) {
    say(`fs open ../escape.txt: ${errName(e)}`);
  }
  const kept = dir.openAt({ symlinkFollow: false }, 'kept-by-js.txt', { create: true, truncate: true }, { write: true });
  const stream = kept.writeViaStream(0);
  write(stream, 'kept\n');
  stream[Symbol.dispose]();
  kept[Symbol.dispose]();
  const names = [];
  // list through a descriptor opened at "." (as wasi-libc's opendir does): preview2-shim 0.25 refuses
  // read-directory on the preopen descriptor itself (bad-descriptor)
  const self = dir.openAt({ symlinkFollow: false }, '.', { directory: true }, { read: true });
  const entries = self.readDirectory();
  for (let e = entries.readDirectoryEntry(); e; e = entries.readDirectoryEntry()) names.push(`${e.name}:${e.type}`);
  entries[Symbol.dispose]();
  self[Symbol.dispose]();
  say(`fs list top=${JSON.stringify(names.sort())}`);
  dir.unlinkFileAt('js-sub/notes.txt');
  dir.removeDirectoryAt('js-sub');
  try {
    dir.statAt({ symlinkFollow: false }, 'js-sub');
    say('fs js-sub still there?!');
  } catch (e) {
    say(`fs after remove stat js-sub: ${errName(e)}`);
  }
  say('fs ok');
  return 0;
}

export const run = {
  run() {
    out = stdout.getStdout();
    const args = environment.getArguments();
    say(`argc=${args.length}`);
    args.forEach((a, i) => { if (i > 0) say(`argv[${i}]=${JSON.stringify(a)}`); });
    const env = new Map(environment.getEnvironment());
    for (const name of ENV_NAMES) say(env.has(name) ? `env ${name}=${JSON.stringify(env.get(name))}` : `env ${name} unset`);
    say(`cwd=${JSON.stringify(environment.initialCwd())}`);
    const input = readAllStdin();
    say(`stdin len=${input.length} lines=${input.filter((b) => b === 10).length} fnv=${hex(fnv1a(input))}`);
    say(`stdin utf8 chars=${[...fromUtf8(input)].length}`);
    write(stderr.getStderr(), 'js guest to stderr\n');
    clocks();
    randoms();
    say(`json ${JSON.stringify({ n: 2 ** 53, big: String(2n ** 64n), s: 'ü'.normalize('NFD').length })}`);
    let code = 0, dirName = null;
    for (let i = 1; i < args.length; i++) {
      if (args[i] === '--fs') dirName = args[++i];
      else if (args[i] === '--exit') code = Number(args[++i]);
    }
    if (dirName !== null) {
      try {
        const rc = files(dirName);
        if (rc) code = rc;
      } catch (e) {
        say(`fs failed: ${errName(e)} ${e && e.stack ? e.stack : ''}`);
        code = 3;
      }
    }
    say(`exiting with ${code}`);
    if (code !== 0) exit.exitWithCode(code);
  }
};
