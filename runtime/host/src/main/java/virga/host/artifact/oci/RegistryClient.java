package virga.host.artifact.oci;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import virga.host.artifact.ArtifactException;

/**
 * The OCI distribution API calls a host makes: fetch a manifest, fetch a blob by digest (verified),
 * and the upload calls of a push. Thread-safe; one per set of {@link OciSettings}.
 */
final class RegistryClient {
  private final RegistryHttp http;

  RegistryClient(boolean insecure, List<Path> caFiles) {
    this.http = new RegistryHttp(insecure, caFiles);
  }

  /**
   * The image manifest of {@code ref} (an index is resolved to its {@code wasm} or first entry),
   * and its digest.
   */
  Fetched manifest(RegistrySession s, ImageReference ref) {
    Fetched f = manifestOnce(s, ref, ref.manifestReference());
    if (f.manifest().isIndex()) {
      OciDescriptor entry =
          f.manifest()
              .pickFromIndex()
              .orElseThrow(
                  () -> new ArtifactException("the image index of " + ref + " lists no manifest"));
      f = manifestOnce(s, ref, entry.digest());
    }
    return f;
  }

  private Fetched manifestOnce(RegistrySession s, ImageReference ref, String reference) {
    HttpResponse<byte[]> r =
        http.send(
            s,
            "GET",
            http.uri(ref, "manifests/" + reference),
            Map.of("Accept", MediaTypes.MANIFEST_ACCEPT),
            null);
    if (r.statusCode() == 404) {
      throw new ArtifactException(
          "manifest of "
              + ref
              + " not found (HTTP 404): check the repository and tag (is it pushed?)");
    }
    expect(s, r, 200, "fetching the manifest");
    String digest = Digests.sha256(r.body());
    if (reference.startsWith("sha256:") && !reference.equals(digest)) {
      throw new ArtifactException(
          "the manifest the registry sent for "
              + ref
              + " has digest "
              + digest
              + ", not the requested "
              + reference
              + ": the registry or a proxy altered it");
    }
    return new Fetched(
        OciManifest.parse(ref, r.body(), r.headers().firstValue("Content-Type").orElse(null)),
        digest);
  }

  /** The blob {@code d} of {@code ref}'s repository, verified against its digest and size. */
  byte[] blob(RegistrySession s, ImageReference ref, OciDescriptor d) {
    HttpResponse<byte[]> r =
        http.send(s, "GET", http.uri(ref, "blobs/" + d.digest()), Map.of(), null);
    if (r.statusCode() == 404) {
      throw new ArtifactException(
          "blob "
              + d.digest()
              + " of "
              + ref
              + " not found (HTTP 404): the image is incomplete; push it again");
    }
    expect(s, r, 200, "fetching blob " + d.digest());
    byte[] bytes = r.body();
    String actual = Digests.sha256(bytes);
    if (!actual.equals(d.digest()) || d.size() >= 0 && bytes.length != d.size()) {
      throw new ArtifactException(
          "blob of "
              + ref
              + " does not match its digest (expected "
              + d.digest()
              + ", "
              + d.size()
              + " bytes; got "
              + actual
              + ", "
              + bytes.length
              + " bytes): refusing it");
    }
    return bytes;
  }

  /** Uploads {@code bytes} as a blob unless the repository has it; returns its descriptor. */
  OciDescriptor pushBlob(RegistrySession s, ImageReference ref, String mediaType, byte[] bytes) {
    String digest = Digests.sha256(bytes);
    OciDescriptor d = new OciDescriptor(mediaType, digest, bytes.length);
    HttpResponse<byte[]> head =
        http.send(s, "HEAD", http.uri(ref, "blobs/" + digest), Map.of(), null);
    if (head.statusCode() == 200) {
      return d;
    }
    HttpResponse<byte[]> start =
        http.send(s, "POST", http.uri(ref, "blobs/uploads/"), Map.of(), null);
    expect(s, start, 202, "starting a blob upload");
    String location =
        start
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () -> new ArtifactException("registry gave no upload location for " + ref));
    URI upload = http.uri(ref, "").resolve(location);
    String sep = upload.getRawQuery() == null ? "?" : "&";
    URI put = URI.create(upload + sep + "digest=" + digest.replace(":", "%3A"));
    HttpResponse<byte[]> done =
        http.send(s, "PUT", put, Map.of("Content-Type", "application/octet-stream"), bytes);
    expect(s, done, 201, "uploading blob " + digest);
    return d;
  }

  /** Puts {@code json} as the manifest of {@code ref}'s tag; returns the manifest digest. */
  String pushManifest(RegistrySession s, ImageReference ref, String mediaType, byte[] json) {
    HttpResponse<byte[]> r =
        http.send(
            s,
            "PUT",
            http.uri(ref, "manifests/" + ref.manifestReference()),
            Map.of("Content-Type", mediaType),
            json);
    expect(s, r, 201, "putting the manifest");
    return Digests.sha256(json);
  }

  private static void expect(RegistrySession s, HttpResponse<byte[]> r, int status, String what) {
    if (r.statusCode() != status) {
      String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
      throw new ArtifactException(
          "registry "
              + s.reference().registry()
              + " answered HTTP "
              + r.statusCode()
              + " when "
              + what
              + " for "
              + s.reference()
              + (body.isBlank() ? "" : ": " + abbreviate(body.strip())));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  /**
   * A manifest and the digest of its bytes.
   *
   * @param manifest the parsed manifest
   * @param digest the digest of the bytes as served
   */
  record Fetched(OciManifest manifest, String digest) {}
}
