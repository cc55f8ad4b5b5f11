package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import virga.component.values.Value;
import virga.component.values.Values;
import virga.wasi.Preopen;
import virga.wasi.TestWasi;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.host.Vals;

/**
 * A context with one preopen on a test directory, calling {@code wasi:filesystem} functions
 * directly; every result is type-checked against the vendored WIT before the test sees it.
 */
final class FsHarness {
  static final String T = "wasi:filesystem/types";
  static final String M = "[method]descriptor.";

  final TestWasi w;
  final Value root;

  FsHarness(Path dir, boolean readOnly) {
    this(WasiContext.builder().preopen(new Preopen(dir, "/sandbox", readOnly)).build());
  }

  FsHarness(WasiContext ctx) {
    w = new TestWasi(ctx);
    Value.ListValue pre = (Value.ListValue) call("wasi:filesystem/preopens", "get-directories");
    root =
        pre.elements().isEmpty()
            ? null
            : borrow(((Value.TupleValue) pre.elements().get(0)).elements().get(0));
  }

  Value call(String iface, String func, Value... args) {
    Value r = w.call(iface, func, args);
    Values.typeCheck(Wasi.types().function(iface, func).result(), r);
    return r;
  }

  /** {@code [method]descriptor.<name>}(self, args...). */
  Value m(String name, Value self, Value... args) {
    Value[] all = new Value[args.length + 1];
    all[0] = self;
    System.arraycopy(args, 0, all, 1, args.length);
    return call(T, M + name, all);
  }

  static Value borrow(Value own) {
    Value.Own o = (Value.Own) own;
    return Value.borrow(o.type(), o.rep());
  }

  static Value flags(String... labels) {
    return Value.flags(labels);
  }

  static Value follow() {
    return flags("symlink-follow");
  }

  static Value nofollow() {
    return flags();
  }

  static Value s(String v) {
    return Value.string(v);
  }

  /** The ok payload, failing the test on err. */
  static Value ok(Value r) {
    Value.ResultValue res = (Value.ResultValue) r;
    assertThat(res.isOk()).as("expected ok, got %s", r).isTrue();
    return res.payload();
  }

  /** The error-code label of an err result, or "ok". */
  static String err(Value r) {
    Value.ResultValue res = (Value.ResultValue) r;
    return res.isOk() ? "ok" : ((Value.EnumValue) res.payload()).label();
  }

  /** open-at on {@code dir}, borrowing the result. */
  Value open(Value dir, String path, Value oflags, String... flags) {
    return borrow(ok(m("open-at", dir, follow(), s(path), oflags, flags(flags))));
  }

  Value openResult(Value dir, String path, Value oflags, String... flags) {
    return m("open-at", dir, follow(), s(path), oflags, flags(flags));
  }

  byte[] readAll(Value file) {
    Value t = ok(m("read", file, Value.u64(1 << 20), Value.u64(0)));
    return Vals.bytes(((Value.TupleValue) t).elements().get(0));
  }

  /** The names listed by read-directory, in listing order. */
  List<String> list(Value dir) {
    Value stream = borrow(ok(m("read-directory", dir)));
    List<String> out = new ArrayList<>();
    while (true) {
      Value.OptionValue e =
          (Value.OptionValue)
              ok(call(T, "[method]directory-entry-stream.read-directory-entry", stream));
      if (!e.isSome()) {
        return out;
      }
      Value.RecordValue r = (Value.RecordValue) e.value();
      out.add(
          ((Value.Str) r.get("name")).value() + ":" + ((Value.EnumValue) r.get("type")).label());
    }
  }

  static String statType(Value stat) {
    return ((Value.EnumValue) ((Value.RecordValue) ok(stat)).get("type")).label();
  }

  static long statSize(Value stat) {
    return Vals.u64(((Value.RecordValue) ok(stat)).get("size"));
  }
}
