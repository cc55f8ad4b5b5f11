// Minimal WIT parser for the oracle: reads a fixture's wit/ directory (world.wit + deps/**.wit) into a type
// model the WAVE reader/printer walks. It covers the WIT subset the fixtures use: packages (file-level and
// nested `package x { ... }`), interfaces, worlds (import/export of interfaces, inline funcs and inline
// interfaces), `use`, record/variant/enum/flags/resource (constructor, methods, static), type aliases,
// list/option/result/tuple/own/borrow, and @since/@unstable/@deprecated gates (ignored).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PRIMS = new Set(['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64',
  'float32', 'float64', 'char', 'string']);

function tokenize(src, file) {
  const toks = []; let i = 0; let line = 1;
  const err = (m) => { throw new Error(`${file}:${line}: ${m}`); };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('/*', i)) { const e = src.indexOf('*/', i + 2); if (e < 0) err('unterminated comment');
      line += src.slice(i, e).split('\n').length - 1; i = e + 2; continue; }
    if (src.startsWith('->', i)) { toks.push({ t: '->', line }); i += 2; continue; }
    if (c === '@' && toks.length && toks[toks.length - 1].version) {
      // version after a package/interface path: @1.2.3-pre.1+build
      let j = i + 1; while (j < src.length && /[0-9A-Za-z.+-]/.test(src[j])) j++;
      // `use ns:pkg/iface@1.2.3.{a, b}`: the dot before `{` separates the path from the names
      if (src[j - 1] === '.' && src[j] === '{') j--;
      toks.push({ t: 'ver', v: src.slice(i + 1, j), line }); i = j; continue;
    }
    if ('{}()<>,:;.=/@*_'.includes(c) && !(c === '_' && /[a-z0-9]/i.test(src[i + 1] || ''))) {
      toks.push({ t: c, line }); i++; continue;
    }
    const m = /^%?[a-zA-Z][a-zA-Z0-9-]*/.exec(src.slice(i, i + 200));
    if (m) { const v = m[0].replace(/^%/, ''); toks.push({ t: 'id', v, line, version: true }); i += m[0].length; continue; }
    const n = /^[0-9][0-9A-Za-z.+-]*/.exec(src.slice(i, i + 100));
    if (n) { toks.push({ t: 'num', v: n[0], line }); i += n[0].length; continue; }
    err(`unexpected character ${JSON.stringify(c)}`);
  }
  toks.push({ t: 'eof', line });
  return toks;
}

export class WitModel {
  constructor() { this.packages = new Map(); this.worlds = []; }
  iface(qname) { // 'ns:pkg/name@ver' or without version
    const m = /^([^/]+)\/([^@]+)(?:@(.+))?$/.exec(qname);
    if (!m) return undefined;
    const pkg = this.packages.get(m[1]);
    if (!pkg) return undefined;
    const it = pkg.interfaces.get(m[2]);
    if (it && m[3] && pkg.version && m[3] !== pkg.version) return undefined;
    return it;
  }
}

/** Parses every .wit file under dir (recursively) into one model. */
export function parseWitDir(dir) {
  const model = new WitModel();
  const files = [];
  const walk = (d) => { for (const f of readdirSync(d).sort()) { const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.wit')) files.push(p); } };
  walk(dir);
  const pending = [];
  for (const f of files) parseFile(model, readFileSync(f, 'utf8'), f, pending);
  for (const fix of pending) fix();
  return model;
}

function parseFile(model, src, file, pending) {
  const toks = tokenize(src, file); let p = 0;
  const peek = (k = 0) => toks[p + k];
  const err = (m) => { throw new Error(`${file}:${peek().line}: ${m} (at ${peek().t} ${peek().v ?? ''})`); };
  const eat = (t, v) => { const k = peek(); if (k.t !== t || (v !== undefined && k.v !== v)) err(`expected ${v ?? t}`); p++; return k; };
  const accept = (t, v) => { const k = peek(); if (k.t === t && (v === undefined || k.v === v)) { p++; return k; } return null; };
  const skipGates = () => { while (peek().t === '@') { p++; eat('id'); if (accept('(')) { let d = 1; while (d) { const k = toks[p++]; if (k.t === '(') d++; else if (k.t === ')') d--; else if (k.t === 'eof') err('eof in gate'); } } } };

  const getPkg = (name, version) => {
    let pk = model.packages.get(name);
    if (!pk) { pk = { name, version, interfaces: new Map(), worlds: new Map() }; model.packages.set(name, pk); }
    if (version && !pk.version) pk.version = version;
    return pk;
  };
  // package path: ns:pkg[@ver]
  const pkgName = () => { const ns = eat('id').v; eat(':'); const nm = eat('id').v; let ver = null;
    if (peek().t === 'ver') ver = eat('ver').v; return { name: `${ns}:${nm}`, ver }; };

  let filePkg = null;
  skipGates();
  if (accept('id', 'package')) { const { name, ver } = pkgName();
    if (accept(';')) filePkg = getPkg(name, ver); else { p -= 0; nested(getPkg(name, ver)); } }
  while (peek().t !== 'eof') {
    skipGates();
    if (accept('id', 'package')) { const { name, ver } = pkgName(); nested(getPkg(name, ver)); continue; }
    if (!filePkg) err('no package declaration');
    item(filePkg);
  }

  function nested(pk) { eat('{'); while (!accept('}')) { skipGates(); item(pk); } }

  function item(pk) {
    if (accept('id', 'interface')) { const name = eat('id').v; iface(pk, name); return; }
    if (accept('id', 'world')) { world(pk, eat('id').v); return; }
    if (accept('id', 'use')) { usePath(pk); if (accept('id', 'as')) eat('id'); eat(';'); return; } // top-level use: names only
    err('expected interface, world or use');
  }

  // reference to an interface: `name` (same package) or `ns:pkg/name[@ver]`
  function usePath(pk) {
    if (peek(1).t === ':') { const ns = eat('id').v; eat(':'); const pn = eat('id').v; eat('/'); const nm = eat('id').v;
      let ver = null; if (peek().t === 'ver') ver = eat('ver').v; return { pkg: `${ns}:${pn}`, name: nm, ver }; }
    return { pkg: pk.name, name: eat('id').v, ver: null };
  }
  const lookupIface = (ref) => { const it = model.packages.get(ref.pkg)?.interfaces.get(ref.name);
    if (!it) throw new Error(`${file}: unknown interface ${ref.pkg}/${ref.name}`); return it; };

  function newIface(pk, name) {
    const it = { pkg: pk, name, get qualified() { return `${pk.name}/${name}${pk.version ? '@' + pk.version : ''}`; },
      types: new Map(), funcs: new Map() };
    return it;
  }
  function iface(pk, name, anon) {
    const it = anon ? newIface(pk, name) : (pk.interfaces.get(name) || newIface(pk, name));
    if (!anon) pk.interfaces.set(name, it);
    eat('{');
    while (!accept('}')) { skipGates(); ifaceItem(it); }
    return it;
  }

  function ifaceItem(it) {
    const k = peek();
    if (k.t === 'id' && k.v === 'use' ) { p++; const ref = usePath(it.pkg); eat('.'); eat('{');
      do { const n = eat('id').v; let as = n; if (accept('id', 'as')) as = eat('id').v;
        it.types.set(as, { kind: 'lazy', resolve: () => resolveName(lookupIface(ref), n) });
      } while (accept(',') && peek().t !== '}');
      eat('}'); eat(';'); return; }
    if (k.t === 'id' && ['record', 'variant', 'enum', 'flags', 'resource', 'type'].includes(k.v) && peek(1).t === 'id') {
      p++; const name = eat('id').v; it.types.set(name, typeDef(k.v, name, it)); return; }
    // func: name: func(...) [-> T];
    const name = eat('id').v; eat(':'); it.funcs.set(name, func(name, it)); eat(';');
  }

  function typeDef(kind, name, scope) {
    switch (kind) {
      case 'record': { const fields = []; eat('{'); while (!accept('}')) { const f = eat('id').v; eat(':'); fields.push([f, type(scope)]); if (!accept(',')) { eat('}'); break; } }
        return { kind: 'record', name, fields }; }
      case 'variant': { const cases = []; eat('{'); while (!accept('}')) { const c = eat('id').v; let t = null; if (accept('(')) { t = type(scope); eat(')'); } cases.push([c, t]); if (!accept(',')) { eat('}'); break; } }
        return { kind: 'variant', name, cases }; }
      case 'enum': { const cases = []; eat('{'); while (!accept('}')) { cases.push(eat('id').v); if (!accept(',')) { eat('}'); break; } }
        return { kind: 'enum', name, cases }; }
      case 'flags': { const labels = []; eat('{'); while (!accept('}')) { labels.push(eat('id').v); if (!accept(',')) { eat('}'); break; } }
        return { kind: 'flags', name, labels }; }
      case 'type': { eat('='); const t = type(scope); eat(';'); return { kind: 'lazy', resolve: () => t }; }
      case 'resource': { const res = { kind: 'resource', name, iface: scope };
        if (accept(';')) return res;
        eat('{');
        while (!accept('}')) { skipGates();
          if (accept('id', 'constructor')) { const f = funcSig(scope, `[constructor]${name}`); f.kind = 'constructor'; f.resource = res;
            f.result = { kind: 'own', res: () => res }; scope.funcs.set(f.name, f); eat(';'); continue; }
          const fname = eat('id').v; eat(':'); const isStatic = !!accept('id', 'static');
          const f = func(isStatic ? `[static]${name}.${fname}` : `[method]${name}.${fname}`, scope);
          f.kind = isStatic ? 'static' : 'method'; f.resource = res;
          if (!isStatic) f.params.unshift(['self', { kind: 'borrow', res: () => res }]);
          scope.funcs.set(f.name, f); eat(';');
        }
        return res; }
    }
  }

  function funcSig(scope, name) {
    eat('('); const params = [];
    while (!accept(')')) { const n = eat('id').v; eat(':'); params.push([n, type(scope)]); if (!accept(',')) { eat(')'); break; } }
    let result = null;
    if (accept('->')) result = type(scope);
    return { name, params, result, kind: 'freestanding' };
  }
  function func(name, scope) { eat('id', 'func'); return funcSig(scope, name); }

  function type(scope) {
    const k = eat('id'); const v = k.v;
    if (PRIMS.has(v)) return { kind: v === 'float32' ? 'f32' : v === 'float64' ? 'f64' : v };
    const args = () => { const a = []; if (!accept('<')) return a; do { a.push(accept('_') ? null : type(scope)); } while (accept(',')); eat('>'); return a; };
    switch (v) {
      case 'list': { const [e] = args(); return { kind: 'list', elem: e }; }
      case 'option': { const [e] = args(); return { kind: 'option', inner: e }; }
      case 'tuple': return { kind: 'tuple', elems: args() };
      case 'result': { const a = args(); return { kind: 'result', ok: a[0] ?? null, err: a[1] ?? null }; }
      case 'own': case 'borrow': { const [r] = args(); return { kind: v, res: () => deref(r) }; }
      default: { const ref = { kind: 'ref', name: v, scope }; return ref; }
    }
  }

  function world(pk, name) {
    const w = { pkg: pk, name, imports: [], exports: [] };
    pk.worlds.set(name, w); model.worlds.push(w);
    const types = newIface(pk, `(world ${name})`);
    w.types = types; // the world's own type definitions (a world-level resource's functions live here)
    eat('{');
    while (!accept('}')) {
      skipGates();
      const dir = peek().v;
      if (dir === 'import' || dir === 'export') {
        p++;
        const list = dir === 'import' ? w.imports : w.exports;
        if (peek(1).t === ':' && peek(2).t === 'id' && (peek(2).v === 'func' || peek(2).v === 'interface')) {
          const n = eat('id').v; eat(':');
          if (peek().v === 'func') { list.push({ kind: 'func', func: func(n, types) }); eat(';'); }
          else { eat('id', 'interface'); const it = iface(pk, n, true); list.push({ kind: 'interface', iface: it, name: n }); }
          continue;
        }
        const ref = usePath(pk); eat(';');
        pending.push(() => list.push({ kind: 'interface', iface: lookupIface(ref) }));
        continue;
      }
      if (dir === 'use') { p++; ifaceItem.call(null, (() => { p--; return types; })()); continue; }
      if (dir === 'include') err('include is not supported by the oracle WIT parser');
      const kw = peek().v; p++; const n = eat('id').v; types.types.set(n, typeDef(kw, n, types));
    }
  }
}

function resolveName(scope, name) {
  const t = scope.types.get(name);
  if (!t) throw new Error(`unknown type ${name} in ${scope.name}`);
  return t.kind === 'lazy' ? deref(t.resolve()) : t;
}
/** Follows refs/aliases to a concrete type node. */
export function deref(t) {
  while (t && (t.kind === 'ref' || t.kind === 'lazy')) t = t.kind === 'ref' ? resolveName(t.scope, t.name) : t.resolve();
  return t;
}
