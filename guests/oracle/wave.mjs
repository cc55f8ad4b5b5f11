// WAVE (WebAssembly Value Encoding, as wasm-wave / `wasmtime run --invoke` use it) for the node oracle:
//  - parseValues(text): untyped WAVE syntax tree for a comma-separated argument list
//  - toJs(ast, type): a jco-transpiled component's JS representation of the value
//  - fromJs(js, type) / print(value): the canonical WAVE text (mirrors wasm-wave's writer, see README)
import { deref } from './wit.mjs';

// ---------- lexer/parser (untyped) ----------
export function parseValues(src, ctx = {}) {
  let i = 0;
  const err = (m) => { throw new Error(`WAVE: ${m} at column ${i + 1} of ${JSON.stringify(src)}`); };
  const ws = () => { while (i < src.length && /\s/.test(src[i])) i++; };
  const escape = (quote) => {
    const c = src[++i];
    const simple = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };
    if (c in simple) { i++; return simple[c]; }
    if (c === 'u' && src[i + 1] === '{') { const e = src.indexOf('}', i); if (e < 0) err('bad \\u{');
      const cp = parseInt(src.slice(i + 2, e), 16); if (!(cp >= 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) err('bad code point');
      i = e + 1; return String.fromCodePoint(cp); }
    err(`bad escape \\${c}`);
  };
  function value() {
    ws();
    const c = src[i];
    if (c === '"') { i++; let s = ''; while (src[i] !== '"') { if (i >= src.length) err('unterminated string');
        if (src[i] === '\\') s += escape('"'); else { const cp = src.codePointAt(i); s += String.fromCodePoint(cp); i += cp > 0xffff ? 2 : 1; } }
      i++; return { k: 'string', v: s }; }
    if (c === "'") { i++; let s; if (src[i] === '\\') s = escape("'"); else { const cp = src.codePointAt(i); s = String.fromCodePoint(cp); i += cp > 0xffff ? 2 : 1; }
      if (src[i] !== "'") err('char literal must hold one character'); i++; return { k: 'char', v: s }; }
    if (c === '[') { i++; return { k: 'list', v: seq(']') }; }
    if (c === '(') { i++; return { k: 'tuple', v: seq(')') }; }
    if (c === '{') { i++; ws();
      if (src[i] === ':') { i++; ws(); if (src[i] !== '}') err('expected }'); i++; return { k: 'record', v: [] }; }
      if (src[i] === '}') { i++; return { k: 'flags', v: [] }; }
      // record if the first label is followed by ':'
      const save = i; const l1 = label(); ws(); i = save;
      if (src[i + l1.raw.length] !== undefined && src.slice(i + l1.raw.length).trimStart().startsWith(':')) {
        const fields = []; for (;;) { ws(); const l = label().name; ws(); if (src[i] !== ':') err('expected :'); i++; fields.push([l, value()]); ws();
          if (src[i] === ',') { i++; ws(); if (src[i] === '}') { i++; break; } continue; } if (src[i] === '}') { i++; break; } err('expected , or }'); }
        return { k: 'record', v: fields };
      }
      const labels = []; for (;;) { ws(); labels.push(label().name); ws();
        if (src[i] === ',') { i++; ws(); if (src[i] === '}') { i++; break; } continue; } if (src[i] === '}') { i++; break; } err('expected , or }'); }
      return { k: 'flags', v: labels };
    }
    if (c === '$') { i++; const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i)); if (!m) err('bad $name'); i += m[0].length; return { k: 'var', v: m[0] }; }
    const num = /^-?(?:inf|(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)(?![A-Za-z0-9-])/.exec(src.slice(i));
    if (num && (c === '-' || /[0-9]/.test(c))) { i += num[0].length; return { k: 'num', v: num[0] }; }
    if (c === '%' || /[a-z]/i.test(c)) {
      const l = label(); ws();
      if (src[i] === '(') { i++; const inner = value(); ws(); if (src[i] !== ')') err('expected )'); i++; return { k: 'case', v: l.name, esc: l.escaped, payload: inner }; }
      return { k: 'case', v: l.name, esc: l.escaped, payload: null };
    }
    err('expected a value');
  }
  function label() { const m = /^%?[a-z][a-z0-9]*(?:-[a-z0-9]+)*/i.exec(src.slice(i)); if (!m) err('expected a label');
    i += m[0].length; return { raw: m[0], name: m[0].replace(/^%/, ''), escaped: m[0].startsWith('%') }; }
  function seq(close) { const out = []; ws(); if (src[i] === close) { i++; return out; }
    for (;;) { out.push(value()); ws(); if (src[i] === ',') { i++; ws(); if (src[i] === close) { i++; return out; } continue; }
      if (src[i] === close) { i++; return out; } err(`expected , or ${close}`); } }
  const vals = []; ws();
  if (i < src.length) for (;;) { vals.push(value()); ws(); if (i >= src.length) break; if (src[i] !== ',') err('expected ,'); i++; }
  return vals;
}

// ---------- jco representation helpers ----------
export const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
export const pascal = (s) => { const c = camel(s); return c[0].toUpperCase() + c.slice(1); };
const TYPED = { u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array, s32: Int32Array,
  u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array };
const INT = { s8: [-128n, 127n], u8: [0n, 255n], s16: [-32768n, 32767n], u16: [0n, 65535n], s32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n], s64: [-(2n ** 63n), 2n ** 63n - 1n], u64: [0n, 2n ** 64n - 1n] };
/** jco represents option<T> as T|undefined unless T is itself an option, then as {tag:'some'|'none'}. */
const optionTagged = (t) => deref(t.inner)?.kind === 'option';

const ownOf = (t) => (t.kind === 'resource' ? { kind: 'own', res: () => t } : t);

// wasm-wave reads these words as keywords: a variant or enum case spelled like one must be written %word
const KEYWORDS = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);
const unescapedKeyword = (a) => { if (!a.esc && KEYWORDS.has(a.v)) throw new Error(`WAVE: the case ${a.v} is a keyword: write %${a.v}`); };

export function toJs(a, t, ctx) {
  t = ownOf(deref(t));
  const bad = () => { throw new Error(`WAVE: ${JSON.stringify(a)} is not a valid ${t.kind}`); };
  switch (t.kind) {
    case 'bool': if (a.k === 'case' && !a.esc && (a.v === 'true' || a.v === 'false') && !a.payload) return a.v === 'true'; bad();
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 's64': case 'u64': {
      if (a.k !== 'num' || !/^-?[0-9]+$/.test(a.v)) bad(); const n = BigInt(a.v); const [lo, hi] = INT[t.kind];
      if (n < lo || n > hi) throw new Error(`WAVE: ${a.v} out of range for ${t.kind}`);
      return t.kind.endsWith('64') ? n : Number(n); }
    case 'f32': case 'f64': {
      let v; if (a.k === 'num') v = a.v === 'inf' ? Infinity : a.v === '-inf' ? -Infinity : Number(a.v);
      else if (a.k === 'case' && !a.esc && !a.payload && (a.v === 'nan' || a.v === 'inf')) v = a.v === 'nan' ? NaN : Infinity; else bad();
      return t.kind === 'f32' ? Math.fround(v) : v; }
    case 'char': if (a.k !== 'char') bad(); return a.v;
    case 'string': if (a.k !== 'string') bad(); return a.v;
    case 'list': { if (a.k !== 'list') bad(); const et = deref(t.elem); const vs = a.v.map((x) => toJs(x, et, ctx));
      return TYPED[et.kind] ? TYPED[et.kind].from(vs) : vs; }
    case 'tuple': if (a.k !== 'tuple' || a.v.length !== t.elems.length) bad(); return a.v.map((x, k) => toJs(x, t.elems[k], ctx));
    case 'record': { if (a.k !== 'record') bad(); const o = {}; const seen = new Set();
      for (const [n, v] of a.v) { const f = t.fields.find((x) => x[0] === n); if (!f) throw new Error(`WAVE: record ${t.name} has no field ${n}`); seen.add(n); o[camel(n)] = toJs(v, f[1], ctx); }
      for (const [n, ft] of t.fields) if (!seen.has(n)) { if (deref(ft).kind === 'option') o[camel(n)] = optionTagged(deref(ft)) ? { tag: 'none' } : undefined; else throw new Error(`WAVE: record ${t.name} misses field ${n}`); }
      return o; }
    case 'variant': { if (a.k !== 'case') bad(); unescapedKeyword(a); const c = t.cases.find((x) => x[0] === a.v); if (!c) throw new Error(`WAVE: variant ${t.name} has no case ${a.v}`);
      if (!!c[1] !== !!a.payload) throw new Error(`WAVE: case ${a.v} ${c[1] ? 'needs' : 'takes no'} payload`);
      return c[1] ? { tag: a.v, val: toJs(a.payload, c[1], ctx) } : { tag: a.v }; }
    case 'enum': if (a.k !== 'case' || a.payload || !t.cases.includes(a.v)) bad(); unescapedKeyword(a); return a.v;
    case 'flags': { if (a.k !== 'flags') bad(); const o = {}; for (const l of t.labels) o[camel(l)] = false;
      for (const l of a.v) { if (!t.labels.includes(l)) throw new Error(`WAVE: flags ${t.name} has no label ${l}`); o[camel(l)] = true; } return o; }
    case 'option': { if (a.k !== 'case' || a.esc) bad();
      if (a.v === 'none' && !a.payload) return optionTagged(t) ? { tag: 'none' } : undefined;
      if (a.v === 'some' && a.payload) { const v = toJs(a.payload, t.inner, ctx); return optionTagged(t) ? { tag: 'some', val: v } : v; } bad(); }
    case 'result': { if (a.k !== 'case' || a.esc || (a.v !== 'ok' && a.v !== 'err')) bad(); const pt = a.v === 'ok' ? t.ok : t.err;
      if (!!pt !== !!a.payload) throw new Error(`WAVE: ${a.v} ${pt ? 'needs' : 'takes no'} payload`);
      return { tag: a.v, val: pt ? toJs(a.payload, pt, ctx) : undefined }; }
    case 'own': case 'borrow': { if (a.k !== 'var') throw new Error(`WAVE: a ${t.kind}<${t.res().name}> argument must be a bound $name`);
      const h = ctx?.vars?.get(a.v); if (!h) throw new Error(`unknown resource binding $${a.v}`); if (t.kind === 'own') ctx.vars.delete(a.v); return h.obj; }
    default: throw new Error(`unsupported type ${t.kind}`);
  }
}

/** jco JS value -> canonical WAVE text. */
export function fromJs(v, t, ctx) {
  t = ownOf(deref(t));
  switch (t.kind) {
    case 'bool': return v ? 'true' : 'false';
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 's64': case 'u64': return String(v);
    case 'f32': return fmtFloat(v, true);
    case 'f64': return fmtFloat(v, false);
    case 'char': return `'${escChars(v)}'`;
    case 'string': return `"${escChars(v)}"`;
    case 'list': return `[${Array.from(v, (x) => fromJs(x, t.elem, ctx)).join(', ')}]`;
    case 'tuple': return `(${t.elems.map((et, k) => fromJs(v[k], et, ctx)).join(', ')})`;
    case 'record': { const parts = [];
      for (const [n, ft] of t.fields) { const fv = v[camel(n)]; const d = deref(ft);
        if (d.kind === 'option' && (optionTagged(d) ? fv?.tag === 'none' : fv === undefined)) continue;
        parts.push(`${n}: ${fromJs(fv, ft, ctx)}`); }
      return parts.length ? `{${parts.join(', ')}}` : '{:}'; }
    case 'variant': { const c = t.cases.find((x) => x[0] === v.tag); if (!c) throw new Error(`bad variant tag ${v.tag}`);
      return label(c[0]) + (c[1] ? `(${fromJs(v.val, c[1], ctx)})` : ''); }
    case 'enum': if (!t.cases.includes(v)) throw new Error(`bad enum value ${v}`); return label(v);
    case 'flags': return `{${t.labels.filter((l) => v[camel(l)]).join(', ')}}`;
    case 'option': if (optionTagged(t)) return v.tag === 'none' ? 'none' : `some(${fromJs(v.val, t.inner, ctx)})`;
      return v === undefined ? 'none' : `some(${fromJs(v, t.inner, ctx)})`;
    case 'result': { const pt = v.tag === 'ok' ? t.ok : t.err; return v.tag + (pt ? `(${fromJs(v.val, pt, ctx)})` : ''); }
    case 'own': case 'borrow': return ctx?.resourceName ? ctx.resourceName(v, t) : `<${t.res().name}>`;
    default: throw new Error(`unsupported type ${t.kind}`);
  }
}

const label = (l) => (KEYWORDS.has(l) ? '%' + l : l);

// Rust's char::escape_debug / escape_default, as wasm-wave's writer applies them.
const NONPRINT = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;
function escChars(s) {
  let o = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (ch === '\\') o += '\\\\'; else if (ch === '"') o += '\\"'; else if (ch === "'") o += "\\'";
    else if (ch === '\t') o += '\\t'; else if (ch === '\r') o += '\\r'; else if (ch === '\n') o += '\\n';
    else if (ch !== ' ' && NONPRINT.test(ch)) o += `\\u{${cp.toString(16)}}`;
    else o += ch;
  }
  return o;
}

// Rust Display for f32/f64: shortest round-trip digits, never exponent notation; wasm-wave prints NaN as nan.
export function fmtFloat(v, isF32) {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  let s;
  if (isF32) { for (let p = 1; p <= 9; p++) { s = v.toPrecision(p); if (Math.fround(Number(s)) === v) break; } s = String(Number(s)); }
  else s = String(v);
  return expandExponent(s);
}
function expandExponent(s) {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, d0, frac = '', e] = m; const digits = d0 + frac; const exp = Number(e);
  const point = 1 + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`.replace(/\.?0+$/, '') || '0';
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
