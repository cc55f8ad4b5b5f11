package virga.host.artifact.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import virga.host.artifact.ArtifactException;

/**
 * HTTP to registries with their authentication: anonymous first, then on a 401 the challenge's
 * scheme: {@code Basic} with the credentials, or {@code Bearer} with a token from the challenge's
 * realm (asked with the credentials when there are some). Tokens are kept per registry, repository,
 * access and user. Redirects (blob storage) are followed without the registry's credentials when
 * they leave the registry's host. Every failure is an {@link ArtifactException} naming the image.
 */
final class RegistryHttp {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final boolean insecure;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  RegistryHttp(boolean insecure, java.util.List<java.nio.file.Path> caFiles) {
    this.insecure = insecure;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(RegistryTls.context(caFiles))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** {@code http(s)://<api host>/v2/<repository>/<path>}. */
  URI uri(ImageReference ref, String path) {
    return URI.create(
        (insecure ? "http://" : "https://")
            + ref.apiHost()
            + "/v2/"
            + ref.repository()
            + "/"
            + path);
  }

  /** Whether registries are spoken to in plain HTTP. */
  boolean insecure() {
    return insecure;
  }

  /**
   * Sends a request, authenticating as the registry asks; a 401 or 403 after authenticating is the
   * credentials' fault and says so.
   */
  HttpResponse<byte[]> send(
      RegistrySession s, String method, URI uri, Map<String, String> headers, byte[] body) {
    String key = key(s);
    String auth = authorizations.get(key);
    HttpResponse<byte[]> r = exchange(s, method, uri, headers, body, auth);
    if (r.statusCode() == 401) {
      auth = authorize(s, r.headers().firstValue("WWW-Authenticate").orElse(""));
      r = exchange(s, method, uri, headers, body, auth);
      if (r.statusCode() == 401 || r.statusCode() == 403) {
        throw refused(s, r.statusCode());
      }
      authorizations.put(key, auth);
    } else if (r.statusCode() == 403) {
      throw refused(s, 403);
    }
    return r;
  }

  private String authorize(RegistrySession s, String challenge) {
    String scheme = challenge.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
    }
    if (scheme.equals("basic")) {
      if (s.credentials().anonymous()) {
        throw refused(s, 401);
      }
      return s.credentials().basicHeader();
    }
    if (scheme.equals("bearer") && params.containsKey("realm")) {
      return "Bearer " + token(s, params);
    }
    throw new ArtifactException(
        "registry "
            + s.reference().registry()
            + " asked for an unsupported authentication ('"
            + challenge
            + "') for "
            + s.reference()
            + ": only Basic and Bearer token auth are supported");
  }

  private String token(RegistrySession s, Map<String, String> challenge) {
    String scope = "repository:" + s.reference().repository() + ":" + s.actions();
    StringBuilder q = new StringBuilder(challenge.get("realm"));
    q.append(q.indexOf("?") < 0 ? '?' : '&');
    if (challenge.containsKey("service")) {
      q.append("service=").append(enc(challenge.get("service"))).append('&');
    }
    q.append("scope=").append(enc(scope));
    URI realm;
    try {
      realm = URI.create(q.toString());
    } catch (IllegalArgumentException e) {
      throw new ArtifactException(
          "registry "
              + s.reference().registry()
              + " gave an invalid token realm for "
              + s.reference()
              + ": "
              + challenge.get("realm"));
    }
    String basic = s.credentials().anonymous() ? null : s.credentials().basicHeader();
    HttpResponse<byte[]> r = exchange(s, "GET", realm, Map.of(), null, basic);
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw refused(s, r.statusCode());
    }
    if (r.statusCode() != 200) {
      throw new ArtifactException(
          "token service "
              + realm.getHost()
              + " answered HTTP "
              + r.statusCode()
              + " for "
              + s.reference()
              + ": check the registry");
    }
    try {
      JsonNode json = JSON.readTree(r.body());
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new ArtifactException(
            "token service " + realm.getHost() + " gave no token for " + s.reference());
      }
      return token;
    } catch (IOException e) {
      throw new ArtifactException(
          "token service " + realm.getHost() + " answered with invalid JSON for " + s.reference(),
          e);
    }
  }

  private HttpResponse<byte[]> exchange(
      RegistrySession s,
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      String auth) {
    URI target = uri;
    String authorization = auth;
    for (int hops = 0; ; hops++) {
      HttpResponse<byte[]> r = once(s, method, target, headers, body, authorization);
      int code = r.statusCode();
      boolean redirect = code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
      if (!redirect || !(method.equals("GET") || method.equals("HEAD")) || hops >= 5) {
        return r;
      }
      String location = r.headers().firstValue("Location").orElse(null);
      if (location == null) {
        return r;
      }
      URI next = target.resolve(location);
      if (!next.getAuthority().equals(target.getAuthority())) {
        authorization = null; // never hand registry credentials to blob storage
      }
      target = next;
    }
  }

  private HttpResponse<byte[]> once(
      RegistrySession s,
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      String auth) {
    Duration left = s.remaining();
    if (left.isZero()) {
      throw timedOut(s);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(left)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    if (auth != null) {
      b.header("Authorization", auth);
    }
    CompletableFuture<HttpResponse<byte[]>> f =
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      // the request timeout covers the headers only: the body counts against the deadline too
      return f.get(Math.max(1, s.remaining().toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw timedOut(s);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new ArtifactException(s.verb() + " of " + s.reference() + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof HttpTimeoutException) {
        throw timedOut(s);
      }
      if (c instanceof SSLException || c != null && c.getCause() instanceof SSLException) {
        throw new ArtifactException(
            "TLS with registry "
                + uri.getAuthority()
                + " failed for "
                + s.reference()
                + ": "
                + c.getMessage()
                + ": add the registry's CA with --oci-ca-path (or use --allow-insecure-registries"
                + " for a plain-HTTP registry)",
            c);
      }
      throw new ArtifactException(
          "registry "
              + uri.getAuthority()
              + " is unreachable for "
              + s.reference()
              + " ("
              + (c instanceof ConnectException ? "connection refused" : String.valueOf(c))
              + "): check the registry address and that it is up"
              + (insecure ? "" : " (a plain-HTTP registry needs --allow-insecure-registries)"),
          c);
    }
  }

  private static ArtifactException refused(RegistrySession s, int status) {
    if (s.credentials().anonymous()) {
      return new ArtifactException(
          "registry refused anonymous access to "
              + s.reference()
              + " (HTTP "
              + status
              + "): give credentials with "
              + s.credentialHint());
    }
    return new ArtifactException(
        "registry refused credentials for "
            + s.reference()
            + " (HTTP "
            + status
            + "): check "
            + s.credentialHint());
  }

  private static ArtifactException timedOut(RegistrySession s) {
    long secs = s.timeout().toSeconds();
    String budget = secs > 0 ? secs + "s" : s.timeout().toMillis() + "ms";
    return new ArtifactException(
        s.verb()
            + " of "
            + s.reference()
            + " timed out after "
            + budget
            + ": the registry did not answer in time (check the registry, or raise"
            + " --registry-pull-timeout)");
  }

  private static String key(RegistrySession s) {
    return s.reference().apiHost()
        + "|"
        + s.reference().repository()
        + "|"
        + s.actions()
        + "|"
        + s.credentials().username()
        + "|"
        + s.credentials().password().hashCode();
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
