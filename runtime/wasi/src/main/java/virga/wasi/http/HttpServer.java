package virga.wasi.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP/1.1 server (Netty) that answers every request by calling a component's {@code
 * wasi:http/incoming-handler#handle} in a fresh instance ({@link IncomingHandlerRunner}), with
 * request and response bodies and trailers streamed both ways.
 *
 * <p>Netty's event loop parses and writes; guests run on a bounded pool of worker threads (they
 * block in {@code wasi:io/poll}), 503 when the pool and its queue are full. Request bodies are read
 * with backpressure (reading pauses while the guest has 64 KiB unread) and bounded ({@link
 * HttpServerConfig#maxRequestBody}); a guest that never reads its body does not wedge the
 * connection (the rest is drained and dropped, up to a bound, then the connection is closed); a
 * trap before the response started is a 500 on a connection that stays open, after it started the
 * connection is closed (the response is incomplete). A response whose body is finished before the
 * first write leaves in one write with a {@code content-length}; otherwise it is chunked, with
 * trailers when the guest gives some.
 */
public final class HttpServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("virga.wasi.http");

  private final IncomingHandler handler;
  private final HttpServerConfig config;
  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ThreadPoolExecutor workers;
  private final Channel channel;
  private final SslContext ssl;
  final LongAdder requests = new LongAdder();
  final LongAdder traps = new LongAdder();
  final LongAdder rejected = new LongAdder();

  private HttpServer(
      IncomingHandler handler, InetSocketAddress address, HttpServerConfig config, SslContext ssl)
      throws InterruptedException {
    this.handler = handler;
    this.config = config;
    this.ssl = ssl;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            config.workers(),
            config.workers(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, config.queue())),
            r -> {
              Thread t = new Thread(r, "virga-http-guest-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.boss = new NioEventLoopGroup(1, daemonFactory("virga-http-accept"));
    this.io =
        new NioEventLoopGroup(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            daemonFactory("virga-http-io"));
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, io)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (ssl != null) {
                      ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(
                                config.maxInitialLine(), config.maxHeaderSize(), 64 * 1024))
                        .addLast(new HttpServerExpectContinueHandler())
                        .addLast(
                            new IdleStateHandler(
                                0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast(new HttpConnection(HttpServer.this));
                  }
                });
    try {
      this.channel = b.bind(address).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdown();
      throw e;
    }
  }

  /** Starts serving {@code handler} on {@code address} (port 0: any free port). */
  public static HttpServer start(
      IncomingHandler handler, InetSocketAddress address, HttpServerConfig config) {
    return start(handler, address, config, null);
  }

  /**
   * Starts serving {@code handler} on {@code address} over TLS with {@code ssl} (a server context,
   * e.g. {@link ServerTls#fromPem}); null serves plain HTTP. Requests then have the scheme {@code
   * https}.
   */
  public static HttpServer start(
      IncomingHandler handler, InetSocketAddress address, HttpServerConfig config, SslContext ssl) {
    if (ssl != null && !ssl.isServer()) {
      throw new IllegalArgumentException("the HTTP server needs a server SslContext");
    }
    try {
      return new HttpServer(handler, address, config, ssl);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + address, e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonFactory(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The bound address (with the actual port). */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Whether connections are TLS. */
  public boolean tls() {
    return ssl != null;
  }

  /** The limits. */
  public HttpServerConfig config() {
    return config;
  }

  /** What answers the requests. */
  public IncomingHandler handler() {
    return handler;
  }

  /** The runner (its instantiation statistics), when the server serves one component directly. */
  public IncomingHandlerRunner runner() {
    if (handler instanceof IncomingHandlerRunner r) {
      return r;
    }
    throw new IllegalStateException("this server routes to several components, not one runner");
  }

  /** Requests dispatched to a guest. */
  public long requests() {
    return requests.sum();
  }

  /** Guest calls that trapped. */
  public long traps() {
    return traps.sum();
  }

  /** Requests refused with 503 because every worker was busy. */
  public long rejected() {
    return rejected.sum();
  }

  ThreadPoolExecutor workers() {
    return workers;
  }

  static System.Logger log() {
    return LOG;
  }

  /** Stops accepting, closes connections and stops the workers. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    shutdown();
  }

  private void shutdown() {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownNow();
  }
}
