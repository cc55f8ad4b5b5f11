#!/usr/bin/env python3
# Generates wit/world.wit and sweep.c (both committed; the build does not run this): the value-type sweep of the
# conformance issue. Each export `echo-X` of interface `echo` lowers its flat arguments unchanged into the host
# import `host.echo-X` and returns what the host returned, so every type crosses the boundary four times (export
# lift, import lower, import lift into guest memory through cabi_realloc, export lower). The flat signatures are
# computed here from the types by the canonical ABI's flattening rules (CanonicalABI.md, `flatten_functype`).
import os

class T:  # a WIT type: its WIT spelling and its flat core types
    def __init__(self, wit, flat): self.wit, self.flat = wit, flat

def prim(n, core): return T(n, [core])
BOOL, S8, U8, S16, U16, S32, U32, CHAR = (prim(n, 'i32') for n in ('bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 'char'))
S64, U64, F32, F64 = prim('s64', 'i64'), prim('u64', 'i64'), prim('f32', 'f32'), prim('f64', 'f64')
STRING = T('string', ['i32', 'i32'])
def lst(e): return T(f'list<{e.wit}>', ['i32', 'i32'])
def tup(*es): return T(f'tuple<{", ".join(e.wit for e in es)}>', [f for e in es for f in e.flat])
def join(a, b):
    if a == b: return a
    if {a, b} == {'i32', 'f32'}: return 'i32'
    return 'i64'
def cases_flat(payloads):  # discriminant, then the payloads' flat types joined position by position
    out = []
    for p in payloads:
        for i, f in enumerate(p.flat if p else []):
            if i < len(out): out[i] = join(out[i], f)
            else: out.append(f)
    return ['i32'] + out
def opt(e): return T(f'option<{e.wit}>', cases_flat([None, e]))
def res(ok, err): return T(f'result<{ok.wit if ok else "_"}, {err.wit if err else "_"}>'.replace('result<_, _>', 'result'),
                           cases_flat([ok, err]))

TYPES = []  # (kind, name, body, T)
def named(kind, name, body, flat):
    t = T(name, flat); TYPES.append((kind, name, body)); return t
def flags(name, n): return named('flags', name, ', '.join(f'b{i}' for i in range(n)), ['i32'])
def enum(name, labels): return named('enum', name, ', '.join(labels), ['i32'])
def record(name, fields): return named('record', name, ', '.join(f'{k}: {v.wit}' for k, v in fields), [f for _, v in fields for f in v.flat])
def variant(name, cs): return named('variant', name, ', '.join(f'{k}({v.wit})' if v else k for k, v in cs), cases_flat([v for _, v in cs]))

F8, F9, F16, F17 = flags('f8', 8), flags('f9', 9), flags('f16', 16), flags('f17', 17)
E1 = enum('e1', ['only'])
E257 = enum('e257', [f'c{i}' for i in range(257)])  # 257 cases: a u16 discriminant in memory
NUM = variant('num', [('i', S32), ('l', S64), ('f', F32), ('d', F64), ('none', None)])  # joins to i64
FI = variant('fi', [('a', F32), ('b', U32)])  # f32 + i32 join to i32 (bit casts)
FD = variant('fd', [('a', F32), ('b', F64)])  # f32 + f64 join to i64
DEEP = variant('deep', [('leaf', STRING), ('pair', tup(U8, lst(U16))), ('opt', opt(NUM)), ('bits', F9)])
ALL = record('all', [(k, v) for k, v in zip('abcdefghijklm', (BOOL, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, CHAR, STRING))])
POINT2 = record('point2', [('x', F64), ('y', F32)])
WRAP = record('wrap', [('tag', E257), ('at', opt(POINT2)), ('items', lst(tup(U8, STRING))), ('bits', F17)])

ECHO = [  # (suffix, type): echo-<suffix>: func(v: T) -> T
    ('f8', F8), ('f9', F9), ('f16', F16), ('f17', F17), ('e1', E1), ('e257', E257), ('num', NUM), ('fi', FI),
    ('fd', FD), ('deep', DEEP), ('all', ALL), ('wrap', WRAP), ('tuple-align', tup(U8, U64, U16, F32, U8)),
    ('string', STRING), ('list-u32', lst(U32)), ('list-list-u8', lst(lst(U8))), ('list-list-string', lst(lst(STRING))),
    ('list-f64', lst(F64)), ('list-f32', lst(F32)), ('list-char', lst(CHAR)), ('list-s64', lst(S64)),
    ('list-u16', lst(U16)), ('list-s8', lst(S8)), ('list-bool', lst(BOOL)), ('list-option-u16', lst(opt(U16))),
    ('list-tuple', lst(tup(U8, STRING))), ('list-e257', lst(E257)), ('list-num', lst(NUM)),
    ('list-result', lst(res(U8, STRING))), ('list-f9', lst(F9)), ('list-all', lst(ALL)),
    ('option-f64', opt(F64)), ('option-tuple', opt(tup(S8, S64))), ('option-list', opt(lst(U32))),
    ('option-num', opt(NUM)), ('option-e1', opt(E1)), ('option-option-string', opt(opt(STRING))),
    ('result-f32-u64', res(F32, U64)), ('result-bytes-string', res(lst(U8), STRING)),
    ('result-nested', res(res(U8, S8), BOOL)), ('result-option-enum', res(opt(U8), E257)),
    ('result-unit-list', res(None, lst(STRING))),
]
# other signatures: (name, params, result or None); the host computes something (see oracle/hosts/sweep.js)
OTHER = [
    ('spill', [('a', STRING), ('b', lst(U64)), ('c', ALL)], tup(STRING, lst(U64), ALL)),  # 18 flat params
    ('sixteen', [(f'p{i}', U64) for i in range(16)], U64),  # exactly 16 flat params: still flat
    ('sink', [('v', U32)], None),  # no result
    ('source', [], STRING),  # no params
]
FUNCS = [(f'echo-{s}', [('v', t)], t) for s, t in ECHO] + OTHER

IFACE = 'example:sweep/{}@0.1.0'
CT = {'i32': 'int32_t', 'i64': 'int64_t', 'f32': 'float', 'f64': 'double'}
cid = lambda n: n.replace('-', '_')

def wit():
    out = ['// GENERATED by gen.py (committed; rerun it after changing its tables). The value-type sweep: every export',
           '// `echo-X` of `echo` passes its value through the host import `host.echo-X` (see guests/README.md).',
           'package example:sweep@0.1.0;', '', 'interface types {']
    for kind, name, body in TYPES: out.append(f'  {kind} {name} {{ {body} }}')
    out.append('}')
    sig = lambda ps, r: f'func({", ".join(f"{k}: {v.wit}" for k, v in ps)})' + (f' -> {r.wit}' if r else '')
    uses = ', '.join(n for _, n, _ in TYPES)
    for iface, doc in (('host', 'Implemented by the host: echo-X returns its argument.'), ('echo', 'Exported: each function calls its namesake in host.')):
        out += ['', f'/// {doc}', f'interface {iface} {{', f'  use types.{{{uses}}};']
        out += [f'  {n}: {sig(ps, r)};' for n, ps, r in FUNCS]
        if iface == 'echo': out.append('  /// How many times a post-return function ran (each export returning through a return area has one).')
        if iface == 'echo': out.append('  post-return-count: func() -> u32;')
        out.append('}')
    out += ['', 'world sweep {', '  import host;', '  export echo;', '}', '']
    return '\n'.join(out)

def c():
    out = ['// GENERATED by gen.py (committed; rerun it after changing its tables). Hand-written canonical ABI, no libc.',
           '// Every export passes its flat parameters (or the pointer to them when there are more than 16) unchanged to',
           '// the host import of the same name; a result wider than one flat value comes back through a return area',
           '// (exports return a pointer to it, imports take it as a trailing pointer parameter).',
           '#include "../common/bump.h"', '',
           'static uint64_t ret_area[32];   // 256 bytes, 8-aligned: larger than every result here', 'static uint32_t post_returns;', '',
           f'__attribute__((export_name("{IFACE.format("echo")}#post-return-count")))',
           'uint32_t post_return_count(void) { return post_returns; }', '']
    for n, ps, r in FUNCS:
        flat = [f for _, t in ps for f in t.flat]
        if len(flat) > 16: flat = ['i32']
        rflat = r.flat if r else []
        decl = ', '.join(f'{CT[t]} p{i}' for i, t in enumerate(flat))
        args = ', '.join(f'p{i}' for i in range(len(flat)))
        imp = f'__attribute__((import_module("{IFACE.format("host")}"), import_name("{n}")))'
        exp = f'__attribute__((export_name("{IFACE.format("echo")}#{n}")))'
        if len(rflat) > 1:
            out += [imp, f'extern void host_{cid(n)}({decl + ", " if decl else ""}void *ret);',
                    exp, f'void *export_{cid(n)}({decl or "void"}) {{ host_{cid(n)}({args + ", " if args else ""}ret_area); return ret_area; }}',
                    f'__attribute__((export_name("cabi_post_{IFACE.format("echo")}#{n}")))',
                    f'void post_{cid(n)}(void *ret) {{ (void)ret; post_returns++; }}']
        else:
            rt = CT[rflat[0]] if rflat else 'void'
            out += [imp, f'extern {rt} host_{cid(n)}({decl or "void"});',
                    exp, f'{rt} export_{cid(n)}({decl or "void"}) {{ {"return " if rflat else ""}host_{cid(n)}({args}); }}']
        out.append('')
    return '\n'.join(out)

here = os.path.dirname(os.path.abspath(__file__))
open(os.path.join(here, 'wit', 'world.wit'), 'w').write(wit())
open(os.path.join(here, 'sweep.c'), 'w').write(c())
