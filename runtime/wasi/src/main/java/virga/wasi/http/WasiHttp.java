package virga.wasi.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import virga.component.TrapException;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.host.ResourceTable;
import virga.wasi.host.Vals;
import virga.wasi.io.IoError;
import virga.wasi.io.Pollable;

/**
 * {@code wasi:http} 0.2: the {@code types} interface (fields, requests, responses, streaming
 * bodies, trailers, futures, error codes) and {@code outgoing-handler} through an {@link
 * OutgoingHttp}. {@code incoming-handler} is a guest export: {@link IncomingHandlerRunner} calls
 * it, {@link HttpServer} serves it.
 */
public final class WasiHttp implements WasiPackage {
  /** How far a guest may write an outgoing body ahead of the network. */
  public static final long BODY_BUFFER = 64 * 1024;

  private final OutgoingHttp outgoing;

  /** The package with the shared JDK client (found by ServiceLoader). */
  public WasiHttp() {
    this(null);
  }

  /** The package sending outgoing requests through {@code outgoing} (null: the shared default). */
  public WasiHttp(OutgoingHttp outgoing) {
    this.outgoing = outgoing;
  }

  @Override
  public String id() {
    return "wasi:http";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    new Binding(binder, ctx, outgoing != null ? outgoing : JdkOutgoingHttp.shared()).bind();
  }

  /** The resource types of {@code wasi:http/types} as registered on {@code binder}. */
  public static ResourceType resourceType(HostBinder binder, String name) {
    return binder.iface("wasi:http/types").resource(name);
  }

  private static final class Binding {
    private final HostBinder binder;
    private final WasiContext ctx;
    private final OutgoingHttp outgoing;
    private final ResourceTable table;
    private final HostBinder.Interface types;
    private final long writeBudget;

    Binding(HostBinder binder, WasiContext ctx, OutgoingHttp outgoing) {
      this.binder = binder;
      this.ctx = ctx;
      this.outgoing = outgoing;
      this.table = ctx.resources();
      this.types = binder.iface("wasi:http/types");
      this.writeBudget = ctx.limits().maxWriteBudget();
    }

    private Value own(String type, virga.wasi.host.HostResource rep) {
      return table.own(types.resource(type), rep);
    }

    void bind() {
      HostBinder.Interface t = types;
      t.func(
          "http-error-code",
          a -> {
            HttpErrorException h = HttpErrorException.find(Vals.rep(a[0], IoError.class).cause());
            return h == null ? Value.none() : Value.some(h.code().toValue());
          });

      // ---- fields ----
      t.func("[constructor]fields", a -> own("fields", Fields.mutable()))
          .func(
              "[static]fields.from-list",
              a ->
                  header(
                      () -> {
                        List<Fields.Entry> list = new ArrayList<>();
                        for (Value e : ((Value.ListValue) a[0]).elements()) {
                          List<Value> tup = ((Value.TupleValue) e).elements();
                          list.add(new Fields.Entry(Vals.str(tup.get(0)), Vals.bytes(tup.get(1))));
                        }
                        return own("fields", Fields.fromList(list));
                      }))
          .func(
              "[method]fields.get",
              a -> {
                List<Value> out = new ArrayList<>();
                for (byte[] v : fields(a[0]).get(Vals.str(a[1]))) {
                  out.add(Vals.bytes(v));
                }
                return Value.list(out);
              })
          .func("[method]fields.has", a -> Value.bool(fields(a[0]).has(Vals.str(a[1]))))
          .func(
              "[method]fields.set",
              a ->
                  header(
                      () -> {
                        List<byte[]> vs = new ArrayList<>();
                        for (Value v : ((Value.ListValue) a[2]).elements()) {
                          vs.add(Vals.bytes(v));
                        }
                        fields(a[0]).set(Vals.str(a[1]), vs);
                        return null;
                      }))
          .func(
              "[method]fields.delete",
              a ->
                  header(
                      () -> {
                        fields(a[0]).delete(Vals.str(a[1]));
                        return null;
                      }))
          .func(
              "[method]fields.append",
              a ->
                  header(
                      () -> {
                        fields(a[0]).append(Vals.str(a[1]), Vals.bytes(a[2]));
                        return null;
                      }))
          .func("[method]fields.entries", a -> entries(fields(a[0]).entries()))
          .func("[method]fields.clone", a -> own("fields", fields(a[0]).copy()));

      // ---- incoming-request ----
      t.func("[method]incoming-request.method", a -> method(inReq(a).method()))
          .func(
              "[method]incoming-request.path-with-query", a -> optString(inReq(a).pathWithQuery()))
          .func(
              "[method]incoming-request.scheme",
              a -> inReq(a).scheme() == null ? Value.none() : Value.some(scheme(inReq(a).scheme())))
          .func("[method]incoming-request.authority", a -> optString(inReq(a).authority()))
          .func(
              "[method]incoming-request.headers",
              a -> own("fields", Fields.immutable(inReq(a).headers())))
          .func(
              "[method]incoming-request.consume",
              a -> {
                IncomingBody b = inReq(a).consume();
                return b == null ? Value.err() : Value.ok(own("incoming-body", b));
              });

      // ---- outgoing-request ----
      t.func(
              "[constructor]outgoing-request",
              a -> own("outgoing-request", new OutgoingRequest(takeFields(a[0]))))
          .func(
              "[method]outgoing-request.body",
              a -> {
                OutgoingBody b = outReq(a).newBody(BODY_BUFFER, writeBudget);
                return b == null ? Value.err() : Value.ok(own("outgoing-body", b));
              })
          .func("[method]outgoing-request.method", a -> method(outReq(a).method()))
          .func(
              "[method]outgoing-request.set-method",
              a -> {
                String m = methodName(a[1]);
                if (m == null) {
                  return Value.err();
                }
                OutgoingRequest r = outReq(a);
                synchronized (r) {
                  r.method = m;
                }
                return Value.ok();
              })
          .func(
              "[method]outgoing-request.path-with-query", a -> optString(outReq(a).pathWithQuery()))
          .func(
              "[method]outgoing-request.set-path-with-query",
              a -> {
                String p = optStr(a[1]);
                if (p != null && !validPath(p)) {
                  return Value.err();
                }
                OutgoingRequest r = outReq(a);
                synchronized (r) {
                  r.pathWithQuery = p;
                }
                return Value.ok();
              })
          .func(
              "[method]outgoing-request.scheme",
              a ->
                  outReq(a).scheme() == null
                      ? Value.none()
                      : Value.some(scheme(outReq(a).scheme())))
          .func(
              "[method]outgoing-request.set-scheme",
              a -> {
                Value.OptionValue o = (Value.OptionValue) a[1];
                String s = o.isSome() ? schemeName(o.value()) : null;
                if (o.isSome() && s == null) {
                  return Value.err();
                }
                OutgoingRequest r = outReq(a);
                synchronized (r) {
                  r.scheme = s;
                }
                return Value.ok();
              })
          .func("[method]outgoing-request.authority", a -> optString(outReq(a).authority()))
          .func(
              "[method]outgoing-request.set-authority",
              a -> {
                String s = optStr(a[1]);
                if (s != null && !validAuthority(s)) {
                  return Value.err();
                }
                OutgoingRequest r = outReq(a);
                synchronized (r) {
                  r.authority = s;
                }
                return Value.ok();
              })
          .func(
              "[method]outgoing-request.headers",
              a -> own("fields", Fields.immutable(outReq(a).headers())));

      // ---- request-options ----
      t.func("[constructor]request-options", a -> own("request-options", new RequestOptions()))
          .func("[method]request-options.connect-timeout", a -> dur(opts(a).connectTimeout()))
          .func(
              "[method]request-options.set-connect-timeout",
              a -> {
                RequestOptions o = opts(a);
                synchronized (o) {
                  o.connectTimeout = toDuration(a[1]);
                }
                return Value.ok();
              })
          .func("[method]request-options.first-byte-timeout", a -> dur(opts(a).firstByteTimeout()))
          .func(
              "[method]request-options.set-first-byte-timeout",
              a -> {
                RequestOptions o = opts(a);
                synchronized (o) {
                  o.firstByteTimeout = toDuration(a[1]);
                }
                return Value.ok();
              })
          .func(
              "[method]request-options.between-bytes-timeout",
              a -> dur(opts(a).betweenBytesTimeout()))
          .func(
              "[method]request-options.set-between-bytes-timeout",
              a -> {
                RequestOptions o = opts(a);
                synchronized (o) {
                  o.betweenBytesTimeout = toDuration(a[1]);
                }
                return Value.ok();
              });

      // ---- response-outparam ----
      t.func(
              "[method]response-outparam.send-informational",
              a -> {
                throw new TrapException(
                    "wasi:http: response-outparam.send-informational is not supported (unstable)");
              })
          .func(
              "[static]response-outparam.set",
              a -> {
                ResponseOutparam p = Vals.rep(a[0], ResponseOutparam.class);
                p.close();
                Value.ResultValue r = (Value.ResultValue) a[1];
                if (r.isOk()) {
                  OutgoingResponse resp = Vals.rep(r.payload(), OutgoingResponse.class);
                  resp.close();
                  p.respond(resp);
                } else {
                  p.fail(ErrorCode.fromValue(r.payload()));
                }
                return null;
              });

      // ---- incoming-response ----
      t.func("[method]incoming-response.status", a -> Value.u16(inResp(a).status()))
          .func(
              "[method]incoming-response.headers",
              a -> own("fields", Fields.immutable(inResp(a).headers())))
          .func(
              "[method]incoming-response.consume",
              a -> {
                IncomingBody b = inResp(a).consume();
                return b == null ? Value.err() : Value.ok(own("incoming-body", b));
              });

      // ---- incoming-body / future-trailers ----
      t.func(
              "[method]incoming-body.stream",
              a -> {
                var s = Vals.rep(a[0], IncomingBody.class).stream();
                return s == null ? Value.err() : Value.ok(own("input-stream", s));
              })
          .func(
              "[static]incoming-body.finish",
              a -> own("future-trailers", Vals.rep(a[0], IncomingBody.class).finish()))
          .func(
              "[method]future-trailers.subscribe",
              a -> own("pollable", new Pollable(Vals.rep(a[0], FutureTrailers.class).readiness())))
          .func(
              "[method]future-trailers.get",
              a -> {
                FutureTrailers.Outcome o = Vals.rep(a[0], FutureTrailers.class).get();
                if (o instanceof FutureTrailers.Pending) {
                  return Value.none();
                }
                if (o instanceof FutureTrailers.Consumed) {
                  return Value.some(Value.err());
                }
                if (o instanceof FutureTrailers.Failed f) {
                  return Value.some(Value.ok(Value.err(f.code().toValue())));
                }
                List<Fields.Entry> tr = ((FutureTrailers.Done) o).trailers();
                Value inner =
                    tr == null ? Value.none() : Value.some(own("fields", Fields.immutable(tr)));
                return Value.some(Value.ok(Value.ok(inner)));
              });

      // ---- outgoing-response / outgoing-body ----
      t.func(
              "[constructor]outgoing-response",
              a -> own("outgoing-response", new OutgoingResponse(takeFields(a[0]))))
          .func("[method]outgoing-response.status-code", a -> Value.u16(outResp(a).status()))
          .func(
              "[method]outgoing-response.set-status-code",
              a -> outResp(a).setStatus(((Value.U16) a[1]).value()) ? Value.ok() : Value.err())
          .func(
              "[method]outgoing-response.headers",
              a -> own("fields", Fields.immutable(outResp(a).headers())))
          .func(
              "[method]outgoing-response.body",
              a -> {
                OutgoingBody b = outResp(a).newBody(BODY_BUFFER, writeBudget);
                return b == null ? Value.err() : Value.ok(own("outgoing-body", b));
              })
          .func(
              "[method]outgoing-body.write",
              a -> {
                var s = Vals.rep(a[0], OutgoingBody.class).write();
                return s == null ? Value.err() : Value.ok(own("output-stream", s));
              })
          .func(
              "[static]outgoing-body.finish",
              a -> {
                OutgoingBody b = Vals.rep(a[0], OutgoingBody.class);
                Value.OptionValue tr = (Value.OptionValue) a[1];
                List<Fields.Entry> trailers = tr.isSome() ? takeFields(tr.value()) : null;
                try {
                  b.finish(trailers);
                  return Value.ok();
                } catch (HttpErrorException e) {
                  return Value.err(e.code().toValue());
                }
              });

      // ---- future-incoming-response ----
      t.func(
              "[method]future-incoming-response.subscribe",
              a ->
                  own(
                      "pollable",
                      new Pollable(Vals.rep(a[0], FutureIncomingResponse.class).readiness())))
          .func(
              "[method]future-incoming-response.get",
              a -> {
                FutureIncomingResponse.Outcome o =
                    Vals.rep(a[0], FutureIncomingResponse.class).get();
                if (o == null) {
                  return Value.none();
                }
                if (o instanceof FutureIncomingResponse.Consumed) {
                  return Value.some(Value.err());
                }
                if (o instanceof FutureIncomingResponse.Failed f) {
                  return Value.some(Value.ok(Value.err(f.code().toValue())));
                }
                IncomingResponse r = ((FutureIncomingResponse.Ok) o).response();
                return Value.some(Value.ok(Value.ok(own("incoming-response", r))));
              });

      binder
          .iface("wasi:http/outgoing-handler")
          .func(
              "handle",
              a -> {
                OutgoingRequest req = Vals.rep(a[0], OutgoingRequest.class);
                req.close();
                Value.OptionValue o = (Value.OptionValue) a[1];
                RequestOptions opts = null;
                if (o.isSome()) {
                  RequestOptions given = Vals.rep(o.value(), RequestOptions.class);
                  opts = given.copy();
                  given.close();
                }
                try {
                  FutureIncomingResponse f = outgoing.send(req, opts, ctx);
                  return Value.ok(own("future-incoming-response", f));
                } catch (HttpErrorException e) {
                  OutgoingBody b = req.body();
                  if (b != null) {
                    b.pipe().fail(e.code());
                  }
                  return Value.err(e.code().toValue());
                }
              });
    }

    // ---- helpers ----

    private static Fields fields(Value v) {
      return Vals.rep(v, Fields.class);
    }

    /** Takes an own fields handle: its entries, and the rep dropped. */
    private static List<Fields.Entry> takeFields(Value v) {
      Fields f = fields(v);
      List<Fields.Entry> e = f.entries();
      f.close();
      return e;
    }

    private static IncomingRequest inReq(Value[] a) {
      return Vals.rep(a[0], IncomingRequest.class);
    }

    private static OutgoingRequest outReq(Value[] a) {
      return Vals.rep(a[0], OutgoingRequest.class);
    }

    private static OutgoingResponse outResp(Value[] a) {
      return Vals.rep(a[0], OutgoingResponse.class);
    }

    private static IncomingResponse inResp(Value[] a) {
      return Vals.rep(a[0], IncomingResponse.class);
    }

    private static RequestOptions opts(Value[] a) {
      return Vals.rep(a[0], RequestOptions.class);
    }

    private static Value header(Supplier<Value> op) {
      try {
        Value v = op.get();
        return v == null ? Value.ok() : Value.ok(v);
      } catch (Fields.HeaderException e) {
        return Value.err(Value.variant(e.error().wit()));
      }
    }

    private static Value entries(List<Fields.Entry> es) {
      List<Value> out = new ArrayList<>(es.size());
      for (Fields.Entry e : es) {
        out.add(Value.tuple(Value.string(e.name()), Vals.bytes(e.value())));
      }
      return Value.list(out);
    }

    private static Value optString(String s) {
      return s == null ? Value.none() : Value.some(Value.string(s));
    }

    private static String optStr(Value v) {
      Value.OptionValue o = (Value.OptionValue) v;
      return o.isSome() ? Vals.str(o.value()) : null;
    }

    private static final List<String> METHODS =
        List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private static Value method(String m) {
      int i = METHODS.indexOf(m);
      return i >= 0
          ? Value.variant(m.toLowerCase(Locale.ROOT))
          : Value.variant("other", Value.string(m));
    }

    /** The method a guest passed, or null when {@code other} is not a token. */
    private static String methodName(Value v) {
      Value.VariantValue vv = (Value.VariantValue) v;
      if (!vv.caseName().equals("other")) {
        return vv.caseName().toUpperCase(Locale.ROOT);
      }
      String m = Vals.str(vv.payload());
      return Fields.isToken(m) ? m : null;
    }

    private static Value scheme(String s) {
      return switch (s) {
        case "http" -> Value.variant("HTTP");
        case "https" -> Value.variant("HTTPS");
        default -> Value.variant("other", Value.string(s));
      };
    }

    private static String schemeName(Value v) {
      Value.VariantValue vv = (Value.VariantValue) v;
      return switch (vv.caseName()) {
        case "HTTP" -> "http";
        case "HTTPS" -> "https";
        default -> {
          String s = Vals.str(vv.payload());
          yield s.matches("[A-Za-z][A-Za-z0-9+.-]*") ? s.toLowerCase(Locale.ROOT) : null;
        }
      };
    }

    private static boolean validPath(String p) {
      if (!p.isEmpty() && p.charAt(0) != '/' && p.charAt(0) != '?' && !p.equals("*")) {
        return false;
      }
      for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xFF;
        if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^'
            || c == '`' || c == '{' || c == '|' || c == '}' || c >= 0x80 || c == '#') {
          return false;
        }
      }
      return true;
    }

    private static boolean validAuthority(String s) {
      if (s.isEmpty()) {
        return false;
      }
      int at = s.lastIndexOf('@');
      String hostPort = at >= 0 ? s.substring(at + 1) : s;
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0 && !hostPort.endsWith("]")) {
        String port = hostPort.substring(colon + 1);
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
          return false;
        }
        if (Integer.parseInt(port) > 65535) {
          return false;
        }
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c <= 0x20 || c >= 0x7F || "/?#\"<>\\^`{|}".indexOf(c) >= 0) {
          return false;
        }
      }
      return true;
    }

    private static Value dur(Duration d) {
      return d == null ? Value.none() : Value.some(Value.u64(d.toNanos()));
    }

    private static Duration toDuration(Value v) {
      Value.OptionValue o = (Value.OptionValue) v;
      if (!o.isSome()) {
        return null;
      }
      long n = Vals.u64(o.value());
      return n < 0 ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(n);
    }
  }
}
