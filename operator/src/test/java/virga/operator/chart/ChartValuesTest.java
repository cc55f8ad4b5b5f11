package virga.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No dead keys (wasmCloud's chart declares some no template reads): every leaf of values.yaml must
 * change the rendered output when its value changes. Checked first on a base with TLS on and NATS
 * certificates not generated (fast: no RSA keys), then, for keys that made no difference there, on
 * a base that generates every certificate (compared by subject, names and validity).
 */
class ChartValuesTest {
  private static final Pattern PEM_DATA =
      Pattern.compile("(?m)^(\\s+)(tls\\.crt|ca\\.crt|tls\\.key): (\\S+)$");

  @TempDir Path dir;

  private final Helm helm = Helm.find();
  private final Map<String, String> baseRenders = new HashMap<>();

  @Test
  @SuppressWarnings("unchecked")
  void everyValuesKeyIsRendered() throws Exception {
    Map<String, Object> values =
        Serialization.unmarshal(Files.readString(Helm.CHART.resolve("values.yaml")), Map.class);
    List<List<Object>> leaves = new ArrayList<>();
    collectLeaves(values, new ArrayList<>(), leaves);
    assertThat(leaves).hasSizeGreaterThan(80);

    Map<String, Object> fast = copy(values);
    set(fast, List.of("global", "certificates", "generate"), false);
    Map<String, Object> group = firstHostGroup(fast);
    set(group, List.of("http", "tls", "enabled"), true);
    set(group, List.of("service", "type"), "NodePort");
    Map<String, Object> certs = copy(fast);
    set(certs, List.of("global", "certificates", "generate"), true);
    set(firstHostGroup(certs), List.of("http", "tls", "certificate", "generate", "enabled"), true);

    List<String> dead = new ArrayList<>();
    for (List<Object> path : leaves) {
      if (!changesOutput("fast", fast, path) && !changesOutput("certs", certs, path)) {
        dead.add(describe(path));
      }
    }
    assertThat(dead).as("values keys no template renders").isEmpty();
  }

  private boolean changesOutput(String name, Map<String, Object> base, List<Object> path)
      throws Exception {
    String before = baseRenders.computeIfAbsent(name, n -> render(n, base));
    Map<String, Object> mutated = copy(base);
    set(mutated, path, mutate(get(mutated, path)));
    String after = render("mutated", mutated);
    return !before.equals(after);
  }

  /** The normalized output, or "failed: ..." (a template that fails on the value reads it). */
  private String render(String name, Map<String, Object> values) {
    try {
      Path file = dir.resolve(name + ".json");
      Files.writeString(file, Serialization.asJson(values));
      Helm.Result r = helm.template("--skip-schema-validation", "-f", file.toString());
      return r.exitCode() == 0 ? normalize(r.stdout()) : "failed: " + r.stderr();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Generated keys and certificates are random: keep what the values decide. */
  private static String normalize(String yaml) {
    Matcher m = PEM_DATA.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String summary = "<key>";
      if (!m.group(2).equals("tls.key")) {
        try {
          byte[] pem = Base64.getDecoder().decode(m.group(3));
          X509Certificate c =
              (X509Certificate)
                  CertificateFactory.getInstance("X.509")
                      .generateCertificate(new ByteArrayInputStream(pem));
          summary =
              c.getSubjectX500Principal().getName()
                  + " "
                  + c.getSubjectAlternativeNames()
                  + " "
                  + Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant())
                      .toDays()
                  + "d";
        } catch (Exception e) {
          summary = "<not a certificate>";
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + ": " + summary));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Object mutate(Object value) {
    if (value instanceof Boolean b) {
      return !b;
    }
    if (value instanceof Number n) {
      return n.longValue() + 1;
    }
    if (value instanceof String s) {
      return s + "mutated";
    }
    if (value == null) {
      return 30001;
    }
    if (value instanceof List<?> list) {
      List<Object> more = new ArrayList<>(list);
      more.add("mutated");
      return more;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> more = new LinkedHashMap<>(map);
      more.put("mutated", Map.of("key", "value"));
      return more;
    }
    throw new IllegalArgumentException("cannot mutate " + value);
  }

  /** Scalars, empty maps, and lists other than lists of maps (those are walked, first item). */
  @SuppressWarnings("unchecked")
  private static void collectLeaves(Object node, List<Object> path, List<List<Object>> out) {
    if (node instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach(
          (k, v) -> {
            List<Object> p = new ArrayList<>(path);
            p.add(k);
            collectLeaves(v, p, out);
          });
    } else if (node instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
      List<Object> p = new ArrayList<>(path);
      p.add(0);
      collectLeaves(list.get(0), p, out);
    } else {
      out.add(path);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstHostGroup(Map<String, Object> values) {
    return (Map<String, Object>) get(values, List.of("runtime", "hostGroups", 0));
  }

  @SuppressWarnings("unchecked")
  private static Object get(Object node, List<Object> path) {
    for (Object key : path) {
      node = key instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<?, ?>) node).get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static void set(Object root, List<Object> path, Object value) {
    Object parent = get(root, path.subList(0, path.size() - 1));
    Object key = path.get(path.size() - 1);
    if (key instanceof Integer i) {
      ((List<Object>) parent).set(i, value);
    } else {
      ((Map<Object, Object>) parent).put(key, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> values) {
    return Serialization.unmarshal(Serialization.asJson(values), Map.class);
  }

  private static String describe(List<Object> path) {
    StringBuilder b = new StringBuilder();
    for (Object k : path) {
      b.append(k instanceof Integer i ? "[" + i + "]" : (b.length() == 0 ? "" : ".") + k);
    }
    return b.toString();
  }
}
