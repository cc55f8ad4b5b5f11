package virga.e2e.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import virga.testsupport.CommandResult;
import virga.testsupport.Commands;
import virga.testsupport.FreePorts;

/**
 * etcd + kube-apiserver + kube-controller-manager on 127.0.0.1 free ports (what
 * scripts/start-apiserver.sh with KCM=1 starts), with a self-made CA, a static admin token, RBAC on
 * and an admin kubeconfig. There is no scheduler and no kubelet: Pods stay Pending.
 */
public final class KubeControlPlane implements AutoCloseable {
  /** The admin's static token (system:masters). */
  public static final String ADMIN_TOKEN = "e2e-admin-token";

  /** Where scripts/install-prereqs.sh builds kube-apiserver and kube-controller-manager. */
  public static final Path BIN =
      Path.of(System.getProperty("user.home"), ".cache", "kube-debian", "bin");

  private final Path dir;
  private final int port;
  private final List<ChildProcess> processes = new ArrayList<>();
  private KubernetesClient admin;

  private KubeControlPlane(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Whether the binaries it needs are there (kube-* under {@link #BIN}, etcd on the PATH). */
  public static List<Path> binaries() {
    return List.of(
        BIN.resolve("kube-apiserver"),
        BIN.resolve("kube-controller-manager"),
        Path.of("/usr/bin/etcd"),
        Path.of("/usr/bin/kubectl"),
        Path.of("/usr/bin/openssl"));
  }

  /** Starts the three servers in {@code dir} and waits until the API server is ready. */
  public static KubeControlPlane start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("pki"));
    KubeControlPlane cp = new KubeControlPlane(dir, FreePorts.find());
    try {
      cp.pki();
      cp.startServers();
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cp.close();
      throw e;
    }
    return cp;
  }

  private void pki() throws IOException {
    Path pki = dir.resolve("pki");
    Files.writeString(
        pki.resolve("san.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n");
    Files.writeString(pki.resolve("tokens.csv"), ADMIN_TOKEN + ",admin,1,system:masters\n");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=e2e-ca");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "apiserver.key",
        "-out",
        "apiserver.csr",
        "-subj",
        "/CN=kube-apiserver");
    openssl(
        "x509",
        "-req",
        "-in",
        "apiserver.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "apiserver.crt",
        "-days",
        "2",
        "-extfile",
        "san.ext");
    openssl("genrsa", "-out", "sa.key", "2048");
    openssl("rsa", "-in", "sa.key", "-pubout", "-out", "sa.pub");
  }

  private void openssl(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("/usr/bin/openssl");
    for (String a : args) {
      // file names are relative to pki/
      cmd.add(
          a.matches("[a-z-]+\\.(key|crt|csr|ext|pub)") ? dir.resolve("pki/" + a).toString() : a);
    }
    CommandResult r = Commands.run(cmd, Duration.ofSeconds(60));
    if (!r.succeeded()) {
      throw new IllegalStateException("openssl failed: " + r);
    }
  }

  private void startServers() throws IOException, InterruptedException {
    int etcdPort = FreePorts.find();
    int etcdPeer = FreePorts.find();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + etcdPeer;
    processes.add(
        ChildProcess.start(
            "etcd",
            List.of(
                "/usr/bin/etcd",
                "--name",
                "e2e",
                "--data-dir",
                dir.resolve("etcd").toString(),
                "--listen-client-urls",
                etcdUrl,
                "--advertise-client-urls",
                etcdUrl,
                "--listen-peer-urls",
                peerUrl,
                "--initial-advertise-peer-urls",
                peerUrl,
                "--initial-cluster",
                "e2e=" + peerUrl),
            dir,
            Map.of(),
            dir.resolve("etcd.log")));
    Path pki = dir.resolve("pki");
    processes.add(
        ChildProcess.start(
            "kube-apiserver",
            List.of(
                BIN.resolve("kube-apiserver").toString(),
                "--bind-address",
                "127.0.0.1",
                "--advertise-address",
                "127.0.0.1",
                "--secure-port",
                String.valueOf(port),
                "--etcd-servers",
                etcdUrl,
                "--tls-cert-file",
                pki.resolve("apiserver.crt").toString(),
                "--tls-private-key-file",
                pki.resolve("apiserver.key").toString(),
                "--client-ca-file",
                pki.resolve("ca.crt").toString(),
                "--token-auth-file",
                pki.resolve("tokens.csv").toString(),
                "--authorization-mode",
                "RBAC",
                "--service-account-issuer",
                "https://kubernetes.default.svc",
                "--service-account-key-file",
                pki.resolve("sa.pub").toString(),
                "--service-account-signing-key-file",
                pki.resolve("sa.key").toString(),
                "--service-cluster-ip-range",
                "10.0.0.0/24",
                // pods of the chart reference ServiceAccounts; no kubelet mounts their tokens
                "--disable-admission-plugins",
                "ServiceAccount",
                "--allow-privileged"),
            dir,
            Map.of(),
            dir.resolve("apiserver.log")));
    Files.writeString(kubeconfig(), kubeconfigYaml("admin", ADMIN_TOKEN, "default"));
    awaitReady();
    processes.add(
        ChildProcess.start(
            "kube-controller-manager",
            List.of(
                BIN.resolve("kube-controller-manager").toString(),
                "--kubeconfig",
                kubeconfig().toString(),
                "--bind-address",
                "127.0.0.1",
                "--secure-port",
                String.valueOf(FreePorts.find()),
                "--port",
                "0",
                "--service-account-private-key-file",
                pki.resolve("sa.key").toString(),
                "--root-ca-file",
                pki.resolve("ca.crt").toString(),
                "--use-service-account-credentials=false",
                "--leader-elect=false"),
            dir,
            Map.of(),
            dir.resolve("kcm.log")));
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      for (ChildProcess p : processes) {
        if (!p.alive()) {
          throw new IllegalStateException(p.name() + " exited:\n" + p.tail());
        }
      }
      CommandResult r =
          Commands.run(
              List.of(
                  "kubectl", "--kubeconfig", kubeconfig().toString(), "get", "--raw", "/readyz"),
              Duration.ofSeconds(10));
      if (r.succeeded()) {
        return;
      }
      Thread.sleep(300);
    }
    throw new IllegalStateException(
        "kube-apiserver not ready within 60 s:\n" + processes.get(1).tail());
  }

  /**
   * A kubeconfig for {@code user} authenticating with {@code token}, default namespace {@code ns}.
   */
  public String kubeconfigYaml(String user, String token, String ns) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: e2e\n  cluster:\n    server: "
        + url()
        + "\n    certificate-authority: "
        + dir.resolve("pki/ca.crt")
        + "\nusers:\n- name: "
        + user
        + "\n  user:\n    token: "
        + token
        + "\ncontexts:\n- name: e2e\n  context: {cluster: e2e, user: "
        + user
        + ", namespace: "
        + ns
        + "}\ncurrent-context: e2e\n";
  }

  /** {@code https://127.0.0.1:PORT}. */
  public String url() {
    return "https://127.0.0.1:" + port;
  }

  /** The admin kubeconfig file. */
  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** The directory holding the PKI, etcd's data and the logs. */
  public Path dir() {
    return dir;
  }

  /** A client authenticated as the admin (system:masters). */
  public synchronized KubernetesClient admin() throws IOException {
    if (admin == null) {
      admin =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig())))
              .build();
    }
    return admin;
  }

  /** The controller manager's log (garbage collector, token controller, ...). */
  public String controllerManagerLog() {
    return processes.size() > 2 ? processes.get(2).tail() : "(not started)";
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    // reverse order: the controller manager, then the API server, then etcd
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }
}
