package io.enhancer.connector.dam.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.connector.dam.AssetStoreException;
import org.junit.jupiter.api.Test;

/** The S3 settings and key layout, checked without a server. */
class S3SettingsTest {

  static S3Properties settings(String sourceBucket, String sourcePrefix, String renditionBucket,
                               String renditionPrefix) {
    return new S3Properties("", null, null, sourceBucket, sourcePrefix, renditionBucket, renditionPrefix, "", "", "");
  }

  @Test
  void withoutASourceBucketTheStoreIsOffAndNothingElseIsChecked() {
    S3Properties off = new S3Properties("not a url", null, null, "", "", "", null, "ftp://x", "only-id", "");
    assertThat(off.enabled()).isFalse();
  }

  @Test
  void defaultsArePathStyleUsEast1RenditionsInTheSourceBucketUnderEnhanced() {
    S3Properties s = settings("photos", "/uploads", null, null);
    assertThat(s.enabled()).isTrue();
    assertThat(s.pathStyle()).isTrue();
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.sourcePrefix()).isEqualTo("uploads/");
    assertThat(s.renditionBucket()).isEqualTo("photos");
    assertThat(s.renditionPrefix()).isEqualTo("enhanced/");
    assertThat(s.toString()).contains("source=s3://photos/uploads/", "renditions=s3://photos/enhanced/")
        .contains("staticCredentials=false");
  }

  @Test
  void aRenditionPrefixThatCoversTheOriginalsInTheSameBucketIsRefused() {
    assertThatThrownBy(() -> settings("photos", "", null, ""))
        .hasMessageStartingWith("S3_RENDITION_PREFIX '' covers S3_SOURCE_PREFIX '' in the same bucket photos");
    assertThatThrownBy(() -> settings("photos", "uploads/", null, "uploads"))
        .hasMessageStartingWith("S3_RENDITION_PREFIX 'uploads/' covers S3_SOURCE_PREFIX 'uploads/'");
    assertThat(settings("photos", "", "photos-enhanced", "").renditionPrefix()).as("own bucket: no prefix needed")
        .isEmpty();
    assertThat(settings("photos", "", null, "uploads/enhanced").renditionPrefix()).isEqualTo("uploads/enhanced/");
  }

  @Test
  void badValuesAreNamedWithTheirSetting() {
    assertThatThrownBy(() -> settings("Photos_Bucket", "", null, null))
        .hasMessage("S3_SOURCE_BUCKET must be a bucket name (3-63 of a-z 0-9 . -), got 'Photos_Bucket'");
    assertThatThrownBy(() -> settings("photos", "", "x", null))
        .hasMessage("S3_RENDITION_BUCKET must be a bucket name (3-63 of a-z 0-9 . -), got 'x'");
    assertThatThrownBy(() -> new S3Properties("127.0.0.1:9000", null, null, "photos", "", "", null, "", "", ""))
        .hasMessage("S3_ENDPOINT must look like https://host[:port], got '127.0.0.1:9000'");
    assertThatThrownBy(() -> new S3Properties("", null, null, "photos", "", "", null, "d111.cloudfront.net", "", ""))
        .hasMessage("S3_PUBLIC_BASE_URL must look like https://host[:port], got 'd111.cloudfront.net'");
    assertThatThrownBy(() -> new S3Properties("", null, null, "photos", "", "", null, "", "AKIAEXAMPLE", ""))
        .hasMessageStartingWith("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together");
  }

  @Test
  void renditionKeysKeepTheOriginalsNameAsAFolderAndCarryTheVersion() {
    S3Layout layout = settings("photos", "uploads/", null, null).layout();
    S3Location original = layout.original("s3://photos/uploads/dairy/milk.jpg");
    assertThat(layout.rendition(original, 3, ".PNG"))
        .isEqualTo(new S3Location("photos", "enhanced/dairy/milk.jpg/v3.png"));
    assertThat(layout.selectedMarker(original)).hasToString("s3://photos/enhanced/dairy/milk.jpg/selected.json");
    assertThat(layout.version(original, "enhanced/dairy/milk.jpg/v12.webp")).hasValue(12);
    assertThat(layout.version(original, "enhanced/dairy/milk.jpg/selected.json")).isEmpty();
    assertThat(layout.version(original, "enhanced/dairy/milk.jpg/inner.jpg/v1.jpg")).isEmpty();
    assertThat(layout.version(original, "enhanced/dairy/milk.png/v1.jpg")).isEmpty();
  }

  @Test
  void aRenditionKeyEqualToItsOriginalIsRefused() {
    // unreachable with validated settings (the rendition prefix may not cover the source prefix): the last guard
    S3Layout careless = new S3Layout("photos", "e//v1.jpg", "photos", "e/");
    S3Location original = new S3Location("photos", "e//v1.jpg/v1.jpg");
    assertThatThrownBy(() -> careless.rendition(original, 1, "jpg")).isInstanceOf(AssetStoreException.class)
        .hasMessage("refusing to write rendition over its original s3://photos/e//v1.jpg/v1.jpg");
  }

  @Test
  void referencesMustNameABucketAndAKey() {
    assertThat(S3Location.parse("s3://photos/a/b c.jpg")).isEqualTo(new S3Location("photos", "a/b c.jpg"));
    assertThatThrownBy(() -> S3Location.parse("s3://photos")).hasMessage("'s3://photos' is not an s3://<bucket>/<key> reference");
    assertThatThrownBy(() -> S3Location.parse("s3://photos/")).hasMessage("s3://photos/ names no object: the key is empty");
    assertThatThrownBy(() -> S3Location.parse("https://photos/x.jpg"))
        .hasMessage("'https://photos/x.jpg' is not an s3://<bucket>/<key> reference");
  }

  @Test
  void urlPathsEncodeEachSegmentAndHeadersOnlyWhatHttpCannotCarry() {
    assertThat(S3AssetStore.urlPath("enhanced/a b/ü+1~x.jpg/v1.jpg")).isEqualTo("enhanced/a%20b/%C3%BC%2B1~x.jpg/v1.jpg");
    assertThat(S3AssetStore.headerSafe("s3://b/a b/ü 5%.jpg")).isEqualTo("s3://b/a b/%C3%BC 5%25.jpg");
  }
}
