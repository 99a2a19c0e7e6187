package io.enhancer.connector.dam.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.enhancer.connector.TestInfra;
import io.enhancer.connector.dam.AssetStoreException;
import io.enhancer.connector.dam.FetchException;
import io.enhancer.connector.dam.LocalFolderAssetStore;
import io.enhancer.connector.jobs.Failure;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The S3 store against a real S3-compatible server (s3rver on 127.0.0.1): originals under {@code uploads/} of
 * bucket {@code photos}, renditions under {@code enhanced/} of the same bucket, a CloudFront base for public URLs.
 */
class S3AssetStoreTest {
  static final String CDN = "https://d111111abcdef8.cloudfront.net";
  static final long MAX_BYTES = 5L * 1024 * 1024;
  static S3rver server;
  static S3Client client;
  static byte[] photo;
  static byte[] otherPhoto;
  static byte[] png;

  @TempDir Path localDam;

  @BeforeAll
  static void start() throws Exception {
    server = S3rver.start("photos", "other-bucket");
    client = server.client();
    photo = Files.readAllBytes(TestInfra.productPhotos(2).get(0));
    otherPhoto = Files.readAllBytes(TestInfra.productPhotos(2).get(1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(ImageIO.read(new java.io.ByteArrayInputStream(photo)), "png", out);
    png = out.toByteArray();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) client.close();
    if (server != null) server.close();
  }

  S3AssetStore store(long maxBytes) {
    S3Properties settings = server.settings("photos", "uploads/", "", null, CDN);
    return new S3AssetStore(client, settings.layout(), settings.publicBaseUrl(), maxBytes,
        new LocalFolderAssetStore(localDam));
  }

  /** Puts a copy of the photo at a fresh key under uploads/ and returns its reference. */
  static String original(String name) {
    String key = "uploads/" + UUID.randomUUID().toString().substring(0, 8) + "/" + name;
    client.putObject(b -> b.bucket("photos").key(key).contentType("image/jpeg"), RequestBody.fromBytes(photo));
    return "s3://photos/" + key;
  }

  static byte[] object(String reference) {
    S3Location at = S3Location.parse(reference);
    return client.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asByteArray();
  }

  static HeadObjectResponse head(String reference) {
    S3Location at = S3Location.parse(reference);
    return client.headObject(b -> b.bucket(at.bucket()).key(at.key()));
  }

  @Test
  void readsTheOriginalByteForByte() {
    String reference = original("grocery.jpg");
    assertThat(store(MAX_BYTES).readOriginal(reference)).isEqualTo(photo);
  }

  @Test
  void writesTheRenditionBesideItsSiblingsWithMetadataLinkingTheOriginal() {
    String reference = original("grocery shelf.jpg");
    String storageKey = store(MAX_BYTES).writeRendition("s3/" + reference, 1, "task-0001-abcdef", png, "png");

    String folder = reference.replace("s3://photos/uploads/", "s3://photos/enhanced/") + "/";
    assertThat(storageKey).isEqualTo(folder + "v1.png");
    HeadObjectResponse rendition = head(storageKey);
    assertThat(rendition.contentType()).isEqualTo("image/png");
    assertThat(rendition.contentLength()).isEqualTo(png.length);
    assertThat(rendition.metadata()).containsEntry("enhanced-of", reference).containsEntry("variant-kind", "enhanced")
        .containsEntry("version", "1").containsEntry("task-id", "task-0001-abcdef");
    assertThat(object(storageKey)).isEqualTo(png);
    assertThat(object(reference)).as("original untouched").isEqualTo(photo);
  }

  @Test
  void aRetriedJobOverwritesTheSameKeyAndLeavesNoStrayCopy() {
    String reference = original("retry.jpg");
    S3AssetStore store = store(MAX_BYTES);
    String first = store.writeRendition("s3/" + reference, 2, "task-a", photo, "jpg");
    String again = store.writeRendition("s3/" + reference, 2, "task-a", otherPhoto, "jpg");
    assertThat(again).isEqualTo(first);
    assertThat(object(again)).isEqualTo(otherPhoto);
    assertThat(store.listRenditions("s3/" + reference)).containsExactly(first);
  }

  @Test
  void listsRenditionsOldestFirstAndOnlyThoseOfTheAsset() {
    String reference = original("shelf.jpg");
    String nested = reference + "/inner.jpg"; // an original "inside" the first one's rendition folder name
    client.putObject(b -> b.bucket("photos").key(S3Location.parse(nested).key()), RequestBody.fromBytes(photo));
    S3AssetStore store = store(MAX_BYTES);
    String v10 = store.writeRendition("s3/" + reference, 10, "t10", png, "png");
    String v2 = store.writeRendition("s3/" + reference, 2, "t2", photo, "jpg");
    String v1 = store.writeRendition("s3/" + reference, 1, "t1", photo, "jpg");
    store.writeRendition("s3/" + nested, 1, "t-nested", photo, "jpg");

    assertThat(store.listRenditions("s3/" + reference)).containsExactly(v1, v2, v10);
    assertThat(store.listRenditions("s3/" + original("never-enhanced.jpg"))).isEmpty();
  }

  @Test
  void marksTheSelectedRenditionInAJsonObjectBesideIt() {
    String reference = original("select.jpg");
    S3AssetStore store = store(MAX_BYTES);
    String v1 = store.writeRendition("s3/" + reference, 1, "t1", photo, "jpg");
    String marker = reference.replace("/uploads/", "/enhanced/") + "/selected.json";
    JsonMapper json = JsonMapper.builder().build();

    store.markSelected("s3/" + reference, v1);
    JsonNode selected = json.readTree(object(marker));
    assertThat(selected.get("original").asString()).isEqualTo(reference);
    assertThat(selected.get("selected").asString()).isEqualTo(v1);
    assertThat(selected.get("url").asString()).isEqualTo(CDN + "/" + S3Location.parse(v1).key());
    assertThat(head(marker).contentType()).isEqualTo("application/json");

    store.markSelected("s3/" + reference, null);
    assertThat(json.readTree(object(marker)).get("selected").isNull()).as("back to the original").isTrue();

    String otherAssets = store.writeRendition("s3/" + original("other.jpg"), 1, "t", photo, "jpg");
    assertThatThrownBy(() -> store.markSelected("s3/" + reference, otherAssets))
        .isInstanceOf(AssetStoreException.class).hasMessageContaining("is not a rendition of " + reference);
  }

  @Test
  void publicUrlIsTheCloudFrontBasePlusTheEncodedRenditionKey() {
    S3AssetStore store = store(MAX_BYTES);
    String reference = original("Crème brûlée 50%.jpg");
    String storageKey = store.writeRendition("s3/" + reference, 1, "t", photo, "jpg");
    String folder = reference.split("/")[4]; // s3://photos/uploads/<random>/<name>
    assertThat(store.publicUrl(storageKey))
        .hasValue(CDN + "/enhanced/" + folder + "/Cr%C3%A8me%20br%C3%BBl%C3%A9e%2050%25.jpg/v1.jpg");
    assertThat(head(storageKey).metadata().get("enhanced-of")).as("non-ASCII percent-encoded in the header")
        .endsWith("/Cr%C3%A8me br%C3%BBl%C3%A9e 50%25.jpg");
    assertThat(store.publicUrl("inbox/local.jpg/v1-abc.jpg")).as("not S3: the next store's answer").isEmpty();
  }

  @Test
  void ownRenditionsAreRecognisedAndNotReadAsOriginals() {
    S3AssetStore store = store(MAX_BYTES);
    String rendition = store.writeRendition("s3/" + original("loop.jpg"), 1, "t", photo, "jpg");
    assertThat(store.isOwnRendition(rendition)).isTrue();
    assertThat(store.isOwnRendition(original("fresh.jpg"))).isFalse();
    assertThat(store.isOwnRendition("s3://other-bucket/enhanced/x.jpg/v1.jpg")).isFalse();
    assertThatThrownBy(() -> store.readOriginal(rendition))
        .isInstanceOf(AssetStoreException.class).hasMessageContaining("outside S3_SOURCE_PREFIX");
    S3Properties wholeBucket = server.settings("photos", "", "", null, CDN);
    S3AssetStore readsWholeBucket = new S3AssetStore(client, wholeBucket.layout(), CDN, MAX_BYTES,
        new LocalFolderAssetStore(localDam));
    assertThatThrownBy(() -> readsWholeBucket.readOriginal(rendition))
        .isInstanceOf(AssetStoreException.class).hasMessage(rendition + " is a rendition written by the connector "
            + "(under S3_RENDITION_PREFIX 'enhanced/'), not an original");
  }

  @Test
  void refusesReferencesOutsideTheSourceBucketAndPrefix() {
    client.putObject(b -> b.bucket("other-bucket").key("uploads/x.jpg"), RequestBody.fromBytes(photo));
    client.putObject(b -> b.bucket("photos").key("private/x.jpg"), RequestBody.fromBytes(photo));
    S3AssetStore store = store(MAX_BYTES);

    assertThatThrownBy(() -> store.readOriginal("s3://other-bucket/uploads/x.jpg"))
        .isInstanceOf(AssetStoreException.class)
        .hasMessage("s3://other-bucket/uploads/x.jpg is not in the source bucket: bucket 'other-bucket' is not "
            + "S3_SOURCE_BUCKET 'photos'");
    AssetStoreException outside = (AssetStoreException) catchThrowable(
        () -> store.readOriginal("s3://photos/private/x.jpg"));
    assertThat(outside).hasMessageContaining("s3://photos/private/x.jpg is outside S3_SOURCE_PREFIX 'uploads/'");
    assertThat(Failure.of(outside)).isEqualTo(new Failure("dam_error", outside.getMessage(), false));
    assertThatThrownBy(() -> store.writeRendition("s3/s3://other-bucket/uploads/x.jpg", 1, "t", photo, "jpg"))
        .isInstanceOf(AssetStoreException.class).hasMessageContaining("is not in the source bucket");
  }

  @Test
  void aMissingOriginalIsAPermanentFailureNamingTheKey() {
    Throwable e = catchThrowable(
        () -> store(MAX_BYTES).readOriginal("s3://photos/uploads/deleted/gone.jpg"));
    assertThat(e).isInstanceOf(AssetStoreException.class)
        .hasMessageStartingWith("cannot read original s3://photos/uploads/deleted/gone.jpg: it does not exist (S3 "
            + "answered 404");
    Failure failure = Failure.of(e);
    assertThat(failure.code()).isEqualTo("dam_error");
    assertThat(failure.retryable()).as("retrying cannot bring it back").isFalse();
  }

  @Test
  void anOriginalOverTheByteLimitIsRefusedAsTooLarge() {
    String reference = original("big.jpg");
    Throwable e = catchThrowable(() -> store(photo.length - 1).readOriginal(reference));
    assertThat(e).isInstanceOf(FetchException.class)
        .hasMessage(reference + " is " + photo.length + " bytes, limit " + (photo.length - 1)
            + " (ENHANCER_FETCH_MAX_BYTES)");
    assertThat(Failure.of(e)).extracting(Failure::code, Failure::retryable).containsExactly("too_large", false);
    assertThat(store(photo.length).readOriginal(reference)).as("exactly at the limit").isEqualTo(photo);
  }

  @Test
  void anObjectThatIsNotAnImageIsRefused() {
    client.putObject(b -> b.bucket("photos").key("uploads/notes/readme.jpg"), RequestBody.fromString("plain text"));
    assertThatThrownBy(() -> store(MAX_BYTES).readOriginal("s3://photos/uploads/notes/readme.jpg"))
        .isInstanceOf(FetchException.class).hasMessageContaining("is not an image");
  }

  @Test
  void otherReferencesGoToTheNextStore() throws Exception {
    Path inboxOriginal = localDam.resolve("originals/inbox/abc-local.jpg");
    Files.createDirectories(inboxOriginal.getParent());
    Files.write(inboxOriginal, photo);
    S3AssetStore store = store(MAX_BYTES);
    assertThat(store.readOriginal("inbox/abc-local.jpg")).isEqualTo(photo);
    String key = store.writeRendition("local/inbox/abc-local.jpg", 1, "task-local", png, "png");
    assertThat(key).doesNotStartWith("s3://");
    assertThat(store.listRenditions("local/inbox/abc-local.jpg")).containsExactly(key);
    assertThat(Files.readAllBytes(localDam.resolve("renditions").resolve(key))).isEqualTo(png);
    assertThat(store.publicUrl(key)).isEmpty();
    assertThat(store.isOwnRendition("inbox/abc-local.jpg")).isFalse();
  }

  @Test
  void aDifferentRenditionBucketTakesRenditionsAndLinksBack() {
    S3Properties settings = server.settings("photos", "uploads/", "other-bucket", "", CDN);
    S3AssetStore store = new S3AssetStore(client, settings.layout(), settings.publicBaseUrl(), MAX_BYTES,
        new LocalFolderAssetStore(localDam));
    String reference = original("elsewhere.jpg");
    String storageKey = store.writeRendition("s3/" + reference, 3, "t", photo, "jpg");
    assertThat(storageKey).isEqualTo("s3://other-bucket/" + reference.substring("s3://photos/uploads/".length())
        + "/v3.jpg");
    assertThat(head(storageKey).metadata()).containsEntry("enhanced-of", reference);
    assertThat(store.readRendition(storageKey)).isEqualTo(photo);
    assertThat(store.isOwnRendition(storageKey)).isTrue();
    assertThat(store.publicUrl(storageKey)).hasValue(CDN + "/" + S3Location.parse(storageKey).key());
  }
}
