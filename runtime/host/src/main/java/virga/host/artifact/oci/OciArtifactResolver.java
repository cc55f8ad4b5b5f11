package virga.host.artifact.oci;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.host.artifact.ArtifactException;
import virga.host.artifact.ArtifactRequest;
import virga.host.artifact.ArtifactResolver;
import virga.protocol.v2.ImagePullPolicy;

/**
 * Cluster mode's resolver: pulls components from OCI registries into a content-addressed cache
 * shared by all workloads.
 *
 * <p>{@code imagePullPolicy}: {@code Always} resolves the manifest every time and downloads the
 * layer only when its digest is not cached; {@code IfNotPresent} (and unspecified) starts from the
 * cache without contacting the registry when the reference has been pulled before (wasmCloud asks
 * the registry even then, so it cannot start with the registry down); {@code Never} uses the cache
 * only. The layer is the first one of type {@code application/wasm} or wasmCloud's older {@code
 * application/vnd.module.wasm.content.layer.v1+wasm}. Credentials come from the request's pull
 * secret, else the pull is anonymous.
 */
public final class OciArtifactResolver implements ArtifactResolver {
  private static final Logger LOG = LoggerFactory.getLogger(OciArtifactResolver.class);

  private final OciSettings settings;
  private final BlobCache cache;
  private final RegistryClient client;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /** A resolver with {@code settings} (its HTTP client and TLS context are built once here). */
  public OciArtifactResolver(OciSettings settings) {
    this.settings = settings;
    this.cache = new BlobCache(settings.cacheDir());
    this.client = new RegistryClient(settings.allowInsecureRegistries(), settings.caFiles());
  }

  /** The settings it was built with. */
  public OciSettings settings() {
    return settings;
  }

  /** Its blob cache. */
  public BlobCache cache() {
    return cache;
  }

  @Override
  public byte[] resolve(ArtifactRequest request) {
    ImageReference ref = ImageReference.parse(request.image());
    // one pull per reference at a time: concurrent starts of one image share the first download
    synchronized (locks.computeIfAbsent(ref.toString(), k -> new Object())) {
      return resolve(request, ref);
    }
  }

  private byte[] resolve(ArtifactRequest request, ImageReference ref) {
    ImagePullPolicy policy = request.pullPolicy();
    boolean corrupt = false;
    if (policy != ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS) {
      Optional<String> digest = cache.digestOf(ref);
      if (digest.isPresent()) {
        BlobCache.Lookup hit = cache.get(digest.get());
        if (hit.hit()) {
          LOG.debug("{}: cache hit {}", ref, digest.get());
          return hit.bytes();
        }
        corrupt = hit.corrupt();
        if (corrupt) {
          LOG.warn("{}: cached blob {} did not match its digest; removed it", ref, digest.get());
        }
      }
      if (policy == ImagePullPolicy.IMAGE_PULL_POLICY_NEVER) {
        throw new ArtifactException(
            "image "
                + request.image()
                + " is not in the cache and imagePullPolicy is Never"
                + (corrupt ? " (the cached copy was corrupt and has been removed)" : "")
                + ": pull it once with another policy, or set imagePullPolicy to IfNotPresent");
      }
    }
    return pull(request, ref);
  }

  private byte[] pull(ArtifactRequest request, ImageReference ref) {
    long start = System.nanoTime();
    RegistrySession s =
        RegistrySession.pull(
            ref, RegistryCredentials.of(request.pullSecret()), settings.pullTimeout());
    RegistryClient.Fetched fetched = client.manifest(s, ref);
    OciDescriptor layer =
        fetched
            .manifest()
            .wasmLayer()
            .orElseThrow(
                () ->
                    new ArtifactException(
                        "image "
                            + ref
                            + " has no WebAssembly layer (media types found: "
                            + fetched.manifest().layers().stream()
                                .map(OciDescriptor::mediaType)
                                .toList()
                            + "): push the component with layer type "
                            + MediaTypes.WASM_LAYER
                            + " (bin/host push)"));
    if (!layer.digest().matches("sha256:[0-9a-f]{64}")) {
      throw new ArtifactException(
          "image "
              + ref
              + " names its layer by an unsupported digest '"
              + layer.digest()
              + "': only sha256 is supported");
    }
    BlobCache.Lookup cached = cache.get(layer.digest());
    byte[] bytes;
    if (cached.hit()) {
      bytes = cached.bytes();
    } else {
      bytes = client.blob(s, ref, layer);
      cache.put(layer.digest(), bytes);
      LOG.info(
          "pulled {} (manifest {}, layer {}, {} bytes) in {} ms",
          ref,
          fetched.digest(),
          layer.digest(),
          bytes.length,
          (System.nanoTime() - start) / 1_000_000);
    }
    cache.record(ref, layer.digest());
    return bytes;
  }
}
