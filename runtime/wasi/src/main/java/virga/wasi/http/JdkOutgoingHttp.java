package virga.wasi.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import virga.wasi.NetworkPolicy;
import virga.wasi.WasiContext;

/**
 * {@code wasi:http/outgoing-handler} on the JDK {@link HttpClient} (HTTP/1.1): every request is
 * first checked against the context's {@link NetworkPolicy} ({@code TCP_CONNECT} to the unresolved
 * authority; refused ones fail with {@code HTTP-request-denied}); request and response bodies
 * stream both ways with backpressure; the request-options timeouts map to the client's connect
 * timeout ({@code connection-timeout}), the request timeout until the response head ({@code
 * connection-read-timeout}) and a timer between body chunks ({@code connection-read-timeout}).
 */
public final class JdkOutgoingHttp implements OutgoingHttp {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "virga-http-client-timers");
            t.setDaemon(true);
            return t;
          });

  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
  private final long bodyBuffer;

  /** A client buffering at most {@code bodyBuffer} bytes of a response body ahead of the guest. */
  public JdkOutgoingHttp(long bodyBuffer) {
    this.bodyBuffer = bodyBuffer;
  }

  /** The shared default instance (64 KiB read-ahead). */
  public static JdkOutgoingHttp shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final JdkOutgoingHttp INSTANCE = new JdkOutgoingHttp(64 * 1024);
  }

  private HttpClient client(Duration connectTimeout) {
    Duration d = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    return clients.computeIfAbsent(
        d,
        k ->
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(k.isZero() ? Duration.ofMillis(1) : k)
                .build());
  }

  @Override
  public FutureIncomingResponse send(
      OutgoingRequest request, RequestOptions options, WasiContext ctx) {
    String scheme = request.scheme() == null ? "https" : request.scheme();
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ErrorCode.of("HTTP-protocol-error").exception();
    }
    String authority = request.authority();
    if (authority == null || authority.isEmpty()) {
      throw new ErrorCode("HTTP-request-URI-invalid", null).exception();
    }
    String path = request.pathWithQuery() == null ? "/" : request.pathWithQuery();
    URI uri;
    try {
      uri = new URI(scheme + "://" + authority + path);
      if (uri.getHost() == null) {
        throw new URISyntaxException(uri.toString(), "no host");
      }
    } catch (URISyntaxException e) {
      throw new ErrorCode("HTTP-request-URI-invalid", null).exception();
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    InetSocketAddress target = InetSocketAddress.createUnresolved(uri.getHost(), port);
    if (!ctx.networkPolicy().allows(NetworkPolicy.Use.TCP_CONNECT, target)) {
      throw ErrorCode.of("HTTP-request-denied").exception();
    }

    OutgoingBody body = request.body();
    HttpRequest.BodyPublisher publisher;
    if (body == null) {
      publisher = HttpRequest.BodyPublishers.noBody();
    } else {
      PipePublisher p = new PipePublisher(body.pipe());
      Long len = OutgoingResponse.contentLength(request.headers());
      publisher =
          len != null
              ? HttpRequest.BodyPublishers.fromPublisher(p, len)
              : HttpRequest.BodyPublishers.fromPublisher(p);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(request.method(), publisher);
    for (Fields.Entry e : request.headers()) {
      if (!RESTRICTED.contains(e.name())) {
        b.header(e.name(), e.valueString());
      }
    }
    RequestOptions opts = options == null ? new RequestOptions() : options;
    if (opts.firstByteTimeout() != null) {
      b.timeout(positive(opts.firstByteTimeout()));
    }
    HttpRequest req;
    try {
      req = b.build();
    } catch (IllegalArgumentException e) {
      throw ErrorCode.internal("invalid request: " + e.getMessage()).exception();
    }
    CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> sent =
        client(opts.connectTimeout()).sendAsync(req, HttpResponse.BodyHandlers.ofPublisher());
    Duration between = opts.betweenBytesTimeout();
    CompletableFuture<IncomingResponse> out =
        sent.handle(
            (resp, err) -> {
              if (err != null) {
                throw map(err).exception();
              }
              BodySubscriber sub = new BodySubscriber(bodyBuffer, between);
              resp.body().subscribe(sub);
              return new IncomingResponse(resp.statusCode(), headers(resp.headers()), sub.source);
            });
    return new FutureIncomingResponse(out, () -> sent.cancel(true));
  }

  private static Duration positive(Duration d) {
    return d.isZero() || d.isNegative() ? Duration.ofNanos(1) : d;
  }

  private static List<Fields.Entry> headers(HttpHeaders h) {
    List<Fields.Entry> out = new ArrayList<>();
    h.map()
        .forEach(
            (name, values) -> {
              String n = name.toLowerCase(Locale.ROOT);
              if (n.startsWith(":") || Fields.FORBIDDEN.contains(n)) {
                return;
              }
              for (String v : values) {
                out.add(new Fields.Entry(n, v.getBytes(StandardCharsets.ISO_8859_1)));
              }
            });
    return out;
  }

  /** Maps a client failure to the closest {@code error-code}. */
  static ErrorCode map(Throwable err) {
    HttpErrorException h = HttpErrorException.find(err);
    if (h != null) {
      return h.code();
    }
    Throwable t = err;
    while (t.getCause() != null
        && (t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpConnectTimeoutException) {
        return ErrorCode.of("connection-timeout");
      }
      if (c instanceof HttpTimeoutException) {
        return ErrorCode.of("connection-read-timeout");
      }
      if (c instanceof ConnectException) {
        return ErrorCode.of("connection-refused");
      }
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return ErrorCode.dns("address not available");
      }
      if (c instanceof java.util.concurrent.CancellationException) {
        return ErrorCode.internal("request cancelled");
      }
    }
    if (t instanceof IOException) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("closed") || m.contains("reset") || m.contains("EOF")) {
        return ErrorCode.of("connection-terminated");
      }
      return ErrorCode.of("HTTP-protocol-error");
    }
    return ErrorCode.internal(t.toString());
  }

  /** Publishes a {@link BodyPipe}'s chunks to the JDK client on demand. */
  static final class PipePublisher implements Flow.Publisher<ByteBuffer> {
    private final BodyPipe pipe;
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean done;
    private boolean draining;

    PipePublisher(BodyPipe pipe) {
      this.pipe = pipe;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
      synchronized (this) {
        if (subscriber != null) {
          s.onSubscribe(
              new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
              });
          s.onError(new IllegalStateException("the body can be sent once"));
          return;
        }
        subscriber = s;
      }
      s.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {
              synchronized (PipePublisher.this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
              }
              drain();
            }

            @Override
            public void cancel() {
              synchronized (PipePublisher.this) {
                done = true;
              }
              pipe.fail(ErrorCode.of("connection-terminated"));
            }
          });
      pipe.attach(this::drain);
    }

    private void drain() {
      synchronized (this) {
        if (draining) {
          return;
        }
        draining = true;
      }
      try {
        while (true) {
          Flow.Subscriber<? super ByteBuffer> s;
          byte[] next = null;
          boolean complete = false;
          ErrorCode abort = null;
          synchronized (this) {
            s = subscriber;
            if (done || s == null) {
              draining = false;
              return;
            }
            if (ready.isEmpty()) {
              ready.addAll(pipe.take());
            }
            if (demand > 0 && !ready.isEmpty()) {
              next = ready.pollFirst();
              demand--;
            } else if (ready.isEmpty() && pipe.isEmpty()) {
              abort = pipe.aborted();
              complete = abort == null && pipe.isFinished();
              if (abort != null || complete) {
                done = true;
              }
            }
            if (next == null && !complete && abort == null) {
              draining = false;
              return;
            }
          }
          if (next != null) {
            s.onNext(ByteBuffer.wrap(next));
          } else if (complete) {
            s.onComplete();
          } else {
            s.onError(new IOException("request body incomplete: " + abort));
          }
        }
      } catch (RuntimeException e) {
        synchronized (this) {
          draining = false;
        }
        throw e;
      }
    }
  }

  /** Feeds a response body into a {@link BodySource}, one chunk list at a time. */
  static final class BodySubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    final BodySource source;
    private final Duration between;
    private volatile Flow.Subscription subscription;
    private volatile boolean paused;
    private boolean requested;
    private ScheduledFuture<?> timer;

    BodySubscriber(long buffer, Duration between) {
      this.between = between;
      this.source =
          new BodySource(
              buffer,
              new BodySource.Flow() {
                @Override
                public void pause() {
                  paused = true;
                }

                @Override
                public void resume() {
                  paused = false;
                  requestMore();
                }
              });
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      requestMore();
    }

    private void requestMore() {
      Flow.Subscription s = subscription;
      synchronized (this) {
        if (s == null || paused || requested) {
          return;
        }
        requested = true;
        armTimer();
      }
      s.request(1);
    }

    private void armTimer() {
      if (between == null) {
        return;
      }
      if (timer != null) {
        timer.cancel(false);
      }
      timer =
          TIMERS.schedule(
              () -> {
                source.fail(ErrorCode.of("connection-read-timeout"));
                Flow.Subscription s = subscription;
                if (s != null) {
                  s.cancel();
                }
              },
              Math.max(1, between.toNanos()),
              TimeUnit.NANOSECONDS);
    }

    private synchronized void disarm() {
      requested = false;
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
      disarm();
      for (ByteBuffer bb : item) {
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        source.offer(b);
      }
      requestMore();
    }

    @Override
    public void onError(Throwable t) {
      disarm();
      source.fail(map(t));
    }

    @Override
    public void onComplete() {
      disarm();
      source.end(null);
    }
  }
}
