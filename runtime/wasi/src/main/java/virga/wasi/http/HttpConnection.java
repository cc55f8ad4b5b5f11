package virga.wasi.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import virga.component.TrapException;

/**
 * One HTTP/1.1 connection: parses requests (one exchange at a time; pipelined ones wait), hands
 * each to a guest on a worker thread, and writes the guest's response. Everything but the guest
 * runs on the channel's event loop.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  private final HttpServer server;
  private final HttpServerConfig config;
  private final ArrayDeque<Object> backlog = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private Exchange current;
  private boolean rejecting; // dropping the body of a request answered without a guest
  private boolean closing;

  HttpConnection(HttpServer server) {
    this.server = server;
    this.config = server.config();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext c) {
    ctx = c;
  }

  @Override
  public void channelRead(ChannelHandlerContext c, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if ((current != null && current.requestDone) || !backlog.isEmpty()) {
      backlog.add(msg); // a pipelined request: wait for the current exchange to end
      c.channel().config().setAutoRead(false);
      return;
    }
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    try {
      if (msg instanceof HttpRequest req) {
        startRequest(req);
      }
      if (msg instanceof HttpContent content) {
        if (current != null && !current.requestDone) {
          current.requestContent(content);
        } else if (rejecting && content instanceof LastHttpContent) {
          rejecting = false;
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void startRequest(HttpRequest req) {
    if (req.decoderResult().isFailure()) {
      Throwable cause = req.decoderResult().cause();
      HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
      if (cause instanceof TooLongFrameException) {
        String m = String.valueOf(cause.getMessage());
        status =
            m.contains("header")
                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                : HttpResponseStatus.REQUEST_URI_TOO_LONG;
      }
      rejecting = true;
      closing = true;
      simple(status, "bad request: " + cause.getMessage(), false, null);
      return;
    }
    long declared = HttpUtil.getContentLength(req, -1L);
    if (declared > config.maxRequestBody()) {
      rejecting = !(req instanceof LastHttpContent);
      closing = true;
      simple(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "request body larger than " + config.maxRequestBody() + " bytes",
          false,
          null);
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    Exchange ex = new Exchange(req.protocolVersion(), keepAlive);
    current = ex;
    String uri = req.uri();
    String authority = req.headers().get(HttpHeaderNames.HOST);
    String scheme = server.tls() ? "https" : "http";
    String path = uri;
    int sep = uri.indexOf("://");
    if (sep > 0 && uri.charAt(0) != '/') { // absolute-form (a proxy request)
      scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
      int slash = uri.indexOf('/', sep + 3);
      authority = slash < 0 ? uri.substring(sep + 3) : uri.substring(sep + 3, slash);
      path = slash < 0 ? "/" : uri.substring(slash);
    }
    IncomingRequest request =
        new IncomingRequest(
            req.method().name(), scheme, authority, path, entries(req.headers()), ex.body);
    ResponseOutparam outparam = new ResponseOutparam(ex);
    server.requests.increment();
    try {
      server
          .workers()
          .execute(
              () -> {
                Throwable failure = null;
                try {
                  server.handler().handle(request, outparam);
                } catch (Throwable t) {
                  failure = t;
                }
                Throwable f = failure;
                try {
                  ctx.channel().eventLoop().execute(() -> ex.guestDone(f));
                } catch (RejectedExecutionException shutDown) {
                  // the server is closing: nobody is left to answer
                }
              });
    } catch (RejectedExecutionException e) {
      server.rejected.increment();
      ex.responseStarted = true;
      simple(HttpResponseStatus.SERVICE_UNAVAILABLE, "server busy", ex.keepAlive, ex);
    }
  }

  /** The request's fields for the guest: lower-cased, without the forbidden hop-by-hop ones. */
  private static List<Fields.Entry> entries(HttpHeaders headers) {
    List<Fields.Entry> out = new ArrayList<>(headers.size());
    for (Map.Entry<String, String> h : headers) {
      String n = h.getKey().toLowerCase(Locale.ROOT);
      if (!Fields.FORBIDDEN.contains(n)) {
        out.add(new Fields.Entry(n, h.getValue().getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    return out;
  }

  /** A short text response; ends {@code ex} (or the rejected request) when written. */
  private void simple(HttpResponseStatus status, String text, boolean keepAlive, Exchange ex) {
    byte[] b = (text + "\n").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
    boolean keep = keepAlive && !closing && (ex == null || !ex.closeAfter);
    HttpUtil.setKeepAlive(r, keep);
    var f = ctx.writeAndFlush(r);
    if (!keep) {
      closing = true;
      f.addListener(ChannelFutureListener.CLOSE);
    }
    if (ex != null) {
      ex.responseDone();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext c) {
    if (c.channel().isWritable() && current != null) {
      current.scheduleDrain();
    }
    c.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext c, Object evt) {
    if (evt instanceof IdleStateEvent) {
      c.close();
      return;
    }
    c.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext c) {
    closing = true;
    Exchange ex = current;
    if (ex != null) {
      ex.body.fail(ErrorCode.of("connection-terminated"));
      BodyPipeHolder p = ex.pipe;
      if (p != null) {
        p.pipe.fail(ErrorCode.of("connection-terminated"));
      }
    }
    for (Object o : backlog) {
      ReferenceCountUtil.release(o);
    }
    backlog.clear();
    c.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
    c.close();
  }

  /** The end of an exchange: the next pipelined request, or reading resumes. */
  private void exchangeEnded() {
    current = null;
    if (closing) {
      return;
    }
    while (!backlog.isEmpty() && (current == null || !current.requestDone)) {
      dispatch(backlog.poll());
    }
    if (backlog.isEmpty()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private record BodyPipeHolder(BodyPipe pipe) {}

  /** How long a first flush waits for the end of the body before the head is sent. */
  static final long COALESCE_MICROS = 200;

  /** One request and its response. */
  private final class Exchange implements ResponseOutparam.Receiver {
    final HttpVersion version;
    final boolean keepAlive;
    final BodySource body;
    final AtomicBoolean drainScheduled = new AtomicBoolean();
    final AtomicBoolean delayScheduled = new AtomicBoolean();
    volatile BodyPipeHolder pipe;
    OutgoingResponse response; // set on the guest thread, read on the event loop after the hop
    boolean requestDone;
    boolean responseStarted;
    boolean responseDone;
    volatile boolean headSent;
    boolean chunked;
    boolean closeAfter;
    boolean guestDone;
    long received;
    long drainLimit = -1;

    Exchange(HttpVersion version, boolean keepAlive) {
      this.version = version;
      this.keepAlive = keepAlive;
      this.body =
          new BodySource(
              WasiHttp.BODY_BUFFER,
              new BodySource.Flow() {
                @Override
                public void pause() {
                  ctx.channel().config().setAutoRead(false);
                }

                @Override
                public void resume() {
                  ctx.channel().config().setAutoRead(true);
                }
              });
    }

    // ---- request side (event loop) ----

    void requestContent(HttpContent content) {
      ByteBuf buf = content.content();
      int n = buf.readableBytes();
      received += n;
      if (received > config.maxRequestBody()) {
        body.fail(ErrorCode.requestBodySize(config.maxRequestBody()));
        closeAfter = true;
      } else if (n > 0) {
        byte[] b = new byte[n];
        buf.readBytes(b);
        body.offer(b);
      }
      if (drainLimit >= 0 && received > drainLimit) {
        ctx.close(); // the guest is done and the client keeps sending: give up on this connection
        return;
      }
      if (content instanceof LastHttpContent last) {
        requestDone = true;
        List<Fields.Entry> trailers =
            last.trailingHeaders().isEmpty() ? null : entries(last.trailingHeaders());
        body.end(trailers);
        if (responseDone) {
          finishExchange();
        }
      }
    }

    // ---- response side ----

    @Override
    public void response(OutgoingResponse r) { // guest thread
      OutgoingBody b = r.body();
      ctx.channel()
          .eventLoop()
          .execute(
              () -> {
                response = r;
                responseStarted = true;
                if (b == null) {
                  sendHead(true, List.of(), null);
                  responseDone();
                } else {
                  pipe = new BodyPipeHolder(b.pipe());
                  b.pipe().attach(this::onBodyData);
                }
              });
    }

    @Override
    public void error(ErrorCode code) { // guest thread
      ctx.channel()
          .eventLoop()
          .execute(
              () -> {
                responseStarted = true;
                simple(
                    HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "the component answered with error-code " + code,
                    keepAlive,
                    this);
              });
    }

    /**
     * The guest flushed, finished or filled a quarter of the pipe. Before the head is out, a flush
     * waits {@link #COALESCE_MICROS} for the rest of the body, so a response finished right after
     * its first flush (the usual set, write-and-flush, finish) leaves as one message with a
     * content-length; after that, and for finish and abort, the drain runs at once.
     */
    void onBodyData() {
      BodyPipeHolder h = pipe;
      if (!headSent && h != null && !h.pipe.isFinished() && h.pipe.aborted() == null) {
        if (delayScheduled.compareAndSet(false, true)) {
          ctx.channel()
              .eventLoop()
              .schedule(
                  () -> {
                    delayScheduled.set(false);
                    drain();
                  },
                  COALESCE_MICROS,
                  java.util.concurrent.TimeUnit.MICROSECONDS);
        }
        return;
      }
      scheduleDrain();
    }

    void scheduleDrain() {
      if (drainScheduled.compareAndSet(false, true)) {
        ctx.channel().eventLoop().execute(this::drain);
      }
    }

    private void drain() {
      drainScheduled.set(false);
      BodyPipeHolder h = pipe;
      if (h == null || responseDone || !ctx.channel().isActive()) {
        return;
      }
      BodyPipe p = h.pipe;
      ErrorCode aborted = p.aborted();
      if (aborted != null) {
        if (!headSent) {
          simple(
              HttpResponseStatus.INTERNAL_SERVER_ERROR,
              "the component did not finish its response body",
              keepAlive,
              this);
        } else {
          responseDone = true;
          closing = true;
          ctx.close(); // an incomplete response: the peer must see the message end abnormally
        }
        return;
      }
      if (!ctx.channel().isWritable()) {
        return; // channelWritabilityChanged resumes
      }
      boolean finished = p.isFinished();
      List<byte[]> chunks = p.take();
      if (!headSent) {
        if (finished) {
          sendHead(true, chunks, p.trailers());
          responseDone();
          return;
        }
        sendHead(false, List.of(), null);
      }
      for (byte[] c : chunks) {
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(c)));
      }
      if (finished && p.isEmpty()) {
        ctx.writeAndFlush(lastContent(p.trailers()));
        responseDone();
      } else {
        ctx.flush();
      }
    }

    private LastHttpContent lastContent(List<Fields.Entry> trailers) {
      if (trailers == null || !chunked) {
        return LastHttpContent.EMPTY_LAST_CONTENT;
      }
      LastHttpContent last = new DefaultLastHttpContent();
      for (Fields.Entry e : trailers) {
        last.trailingHeaders().add(e.name(), e.valueString());
      }
      return last;
    }

    /** Writes the head (and, when {@code complete}, the whole body). */
    private void sendHead(boolean complete, List<byte[]> chunks, List<Fields.Entry> trailers) {
      headSent = true;
      OutgoingResponse r = response;
      HttpResponseStatus status = HttpResponseStatus.valueOf(r.status());
      boolean declared = false;
      HttpResponse head;
      ByteBuf content = null;
      if (complete) {
        content =
            chunks.size() == 1
                ? Unpooled.wrappedBuffer(chunks.get(0))
                : Unpooled.wrappedBuffer(chunks.toArray(new byte[0][]));
      }
      boolean withTrailers = complete && trailers != null && version == HttpVersion.HTTP_1_1;
      if (complete && !withTrailers) {
        head = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
      } else {
        head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
      }
      HttpHeaders hs = head.headers();
      for (Fields.Entry e : r.headers()) {
        if (!Fields.FORBIDDEN.contains(e.name())) {
          hs.add(e.name(), e.valueString());
          declared |= e.name().equals("content-length");
        }
      }
      if (complete && !withTrailers) {
        if (!declared) {
          hs.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        }
      } else if (!declared) {
        if (version == HttpVersion.HTTP_1_1) {
          chunked = true;
          hs.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        } else {
          closeAfter = true; // HTTP/1.0 without a length: the end of the connection ends the body
        }
      }
      boolean keep = keepAlive && !closeAfter && !closing;
      HttpUtil.setKeepAlive(head, keep);
      if (!keep) {
        closeAfter = true;
      }
      if (complete && !withTrailers) {
        ctx.writeAndFlush(head);
      } else if (complete) {
        ctx.write(head);
        for (byte[] c : chunks) {
          ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(c)));
        }
        ctx.writeAndFlush(lastContent(trailers));
      } else {
        ctx.write(head);
      }
    }

    /** The response is fully written (event loop). */
    void responseDone() {
      responseDone = true;
      if (closeAfter || !keepAlive || closing) {
        closing = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (requestDone) {
        if (guestDone) {
          exchangeEnded();
        }
      } else {
        drainLimit = received + config.maxDrain(); // drop the rest of the body, up to a bound
        body.discard();
      }
    }

    void finishExchange() {
      if (responseDone && requestDone && guestDone) {
        exchangeEnded();
      }
    }

    /** The guest's handle returned (or trapped); its context is closed (event loop). */
    void guestDone(Throwable failure) {
      guestDone = true;
      if (failure instanceof HttpRejection r && !responseStarted) {
        responseStarted = true;
        if (ctx.channel().isActive()) {
          simple(HttpResponseStatus.valueOf(r.status()), r.getMessage(), keepAlive, this);
        }
        finishExchange();
        return;
      }
      if (failure != null) {
        server.traps.increment();
        if (!(failure instanceof TrapException)) {
          HttpServer.log().log(
              System.Logger.Level.WARNING, "wasi:http guest failed: " + failure, failure);
        } else {
          HttpServer.log().log(
              System.Logger.Level.DEBUG, "wasi:http guest trapped: " + failure.getMessage());
        }
      }
      if (!ctx.channel().isActive()) {
        return;
      }
      if (!responseStarted) {
        responseStarted = true;
        simple(
            HttpResponseStatus.INTERNAL_SERVER_ERROR,
            failure != null
                ? "the component trapped: " + failure.getMessage()
                : "the component returned without setting a response",
            keepAlive,
            this);
      } else if (!responseDone) {
        scheduleDrain(); // the body pipe is finished or aborted by now
      }
      finishExchange();
    }
  }
}
