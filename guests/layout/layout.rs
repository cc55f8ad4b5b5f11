// Hand-written canonical ABI in Rust (std for wasm32-unknown-unknown, no WASI) for world example:layout/layout.
// The canonical memory layout of each WIT type is a #[repr(C)] struct here (CanonicalABI.md: fields in order,
// each at its own alignment, the record aligned to its largest field; a variant's payload after the
// discriminant at the payload's alignment; wasm32 pointers and lengths are 4 bytes).
use std::alloc::{alloc, realloc, Layout};
use std::fmt::Write;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct RawList<T> { ptr: *const T, len: usize }
type Str = RawList<u8>;

#[repr(C)]
pub struct All { a: u8, b: i8, c: u8, d: i16, e: u16, f: i32, g: u32, h: i64, i: u64, j: f32, k: f64, l: u32, m: Str }
#[repr(C)]
pub struct Point2 { x: f64, y: f32 }
#[repr(C)]
pub struct OptPoint2 { disc: u8, val: Point2 }
#[repr(C)]
pub struct Pair { a: u8, s: Str }
#[repr(C)]
pub union NumPayload { i: i32, l: i64, f: f32, d: f64 }
#[repr(C)]
pub struct Num { disc: u8, val: NumPayload }
#[repr(C)]
pub struct Wrap { tag: u16, at: OptPoint2, items: RawList<Pair>, bits: u32, n: Num }

#[link(wasm_import_module = "example:layout/host@0.1.0")]
extern "C" {
    #[link_name = "mirror"]
    fn host_mirror(ptr: *const Wrap, len: usize, ret: *mut RawList<Wrap>);
}

#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    if old.is_null() || old_size == 0 {
        alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
    }
}

static mut RET: RawList<u8> = RawList { ptr: std::ptr::null(), len: 0 };

unsafe fn slice<'a, T>(l: &RawList<T>) -> &'a [T] {
    if l.len == 0 { &[] } else { std::slice::from_raw_parts(l.ptr, l.len) }
}
unsafe fn text(s: &Str) -> &str { std::str::from_utf8(slice(s)).unwrap() }
fn leak<T>(v: Vec<T>) -> RawList<T> {
    let v = v.leak();
    RawList { ptr: v.as_ptr(), len: v.len() }
}
fn leak_str(s: String) -> Str { leak(s.into_bytes()) }
unsafe fn ret<T>(l: RawList<T>) -> *const RawList<T> {
    RET = RawList { ptr: l.ptr as *const u8, len: l.len };
    std::ptr::addr_of!(RET) as *const RawList<T>
}

unsafe fn describe_wrap(out: &mut String, w: &Wrap) {
    write!(out, "tag={} at=", w.tag).unwrap();
    match w.at.disc { 0 => out.push_str("none"), _ => write!(out, "({},{})", w.at.val.x, w.at.val.y).unwrap() }
    out.push_str(" items=");
    for p in slice(&w.items) { write!(out, "[{}:{}]", p.a, text(&p.s)).unwrap(); }
    write!(out, " bits={:#x} n=", w.bits).unwrap();
    match w.n.disc {
        0 => write!(out, "i{}", w.n.val.i).unwrap(),
        1 => write!(out, "l{}", w.n.val.l).unwrap(),
        2 => write!(out, "f{}", w.n.val.f).unwrap(),
        3 => write!(out, "d{}", w.n.val.d).unwrap(),
        _ => out.push_str("none"),
    }
    out.push(';');
}

#[export_name = "example:layout/api@0.1.0#describe-all"]
pub unsafe extern "C" fn describe_all(ptr: *const All, len: usize) -> *const Str {
    let mut out = String::new();
    for r in slice(&RawList { ptr, len }) {
        write!(out, "{} {} {} {} {} {} {} {} {} {} {} {:?} {:?};",
            r.a, r.b, r.c, r.d, r.e, r.f, r.g, r.h, r.i, r.j, r.k, char::from_u32(r.l).unwrap(), text(&r.m)).unwrap();
    }
    ret(leak_str(out))
}

#[export_name = "example:layout/api@0.1.0#describe-wraps"]
pub unsafe extern "C" fn describe_wraps(ptr: *const Wrap, len: usize) -> *const Str {
    let mut out = String::new();
    for w in slice(&RawList { ptr, len }) { describe_wrap(&mut out, w); }
    ret(leak_str(out))
}

#[export_name = "example:layout/api@0.1.0#make-all"]
pub unsafe extern "C" fn make_all(n: u32) -> *const RawList<All> {
    let v: Vec<All> = (0..n).map(|i| All {
        a: (i % 2) as u8, b: -(i as i8) - 1, c: 200 + i as u8, d: -1000 * i as i16, e: 60000 + i as u16,
        f: -70000 * i as i32 - 1, g: 4_000_000_000 + i, h: -(1i64 << 40) * (i as i64 + 1), i: u64::MAX - i as u64,
        j: 0.5 + i as f32, k: -0.25 * i as f64, l: ['a', 'ü', '🎉', '\u{10ffff}'][i as usize % 4] as u32,
        m: leak_str(format!("all #{} ✓", i)),
    }).collect();
    ret(leak(v))
}

unsafe fn wraps(n: u32) -> RawList<Wrap> {
    let v: Vec<Wrap> = (0..n).map(|i| Wrap {
        tag: (i * 128) as u16 % 257,
        at: if i % 2 == 0 { OptPoint2 { disc: 1, val: Point2 { x: i as f64 + 0.5, y: -(i as f32) } } }
            else { OptPoint2 { disc: 0, val: Point2 { x: 0.0, y: 0.0 } } },
        items: leak((0..i).map(|k| Pair { a: (k * 100) as u8, s: leak_str("é".repeat(k as usize)) }).collect()),
        bits: (1u32 << (i % 17)) | 1,
        n: match i % 5 {
            0 => Num { disc: 0, val: NumPayload { i: -(i as i32) } },
            1 => Num { disc: 1, val: NumPayload { l: i64::MIN + i as i64 } },
            2 => Num { disc: 2, val: NumPayload { f: i as f32 / 4.0 } },
            3 => Num { disc: 3, val: NumPayload { d: 1e300 * i as f64 } },
            _ => Num { disc: 4, val: NumPayload { l: 0 } },
        },
    }).collect();
    leak(v)
}

#[export_name = "example:layout/api@0.1.0#make-wraps"]
pub unsafe extern "C" fn make_wraps(n: u32) -> *const RawList<Wrap> { ret(wraps(n)) }

#[export_name = "example:layout/api@0.1.0#round-trip"]
pub unsafe extern "C" fn round_trip(n: u32) -> *const Str {
    let sent = wraps(n);
    let mut back = RawList { ptr: std::ptr::null(), len: 0 };
    host_mirror(sent.ptr, sent.len, &mut back);
    let mut out = String::new();
    for w in slice(&back) { describe_wrap(&mut out, w); }
    ret(leak_str(out))
}
