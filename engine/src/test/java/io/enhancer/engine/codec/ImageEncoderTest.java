package io.enhancer.engine.codec;

import static io.enhancer.engine.codec.SampleImages.meanAbsDiff;
import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.TestData;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.pipeline.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class ImageEncoderTest {
  private static final ImageDecoder DECODER;

  static {
    OpenCvRuntime.ensureLoaded();
    DECODER = new ImageDecoder(ImageLimits.DEFAULT);
  }

  private final ImageEncoder encoder = new ImageEncoder();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  private static EnhanceOptions options(OutputFormat format, int quality, Integer targetKb, boolean transparent) {
    return EnhanceOptions.builder().format(format).quality(quality).targetKb(targetKb).transparent(transparent).build();
  }

  private static Frame kodak(int index) {
    List<Path> images = TestData.images(TestData.dataset("denoise-Kodak24"));
    try {
      return DECODER.decode(Files.readAllBytes(images.get(index))).frame();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> roundTrips() {
    return Stream.of(Arguments.of(OutputFormat.JPEG, 3.0), Arguments.of(OutputFormat.WEBP, 3.5),
        Arguments.of(OutputFormat.PNG, 0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roundTrips")
  void roundTripsPhotoWithinColourTolerance(OutputFormat format, double tolerance) {
    Frame photo = kodak(0);
    EncodedImage encoded = encoder.encode(photo, options(format, 92, null, false));

    DecodedImage back = DECODER.decode(encoded.bytes());
    assertThat(back.info().format()).isEqualTo(format == OutputFormat.JPEG ? "jpeg" : format.id());
    assertThat(encoded.width()).isEqualTo(photo.width());
    assertThat(encoded.height()).isEqualTo(photo.height());
    assertThat(encoded.fitsTarget()).isTrue();
    assertThat(encoded.encodeAttempts()).isEqualTo(1);
    assertThat(encoded.quality()).isEqualTo(format == OutputFormat.PNG ? 100 : 92);
    assertThat(meanAbsDiff(back.frame().bgr(), photo.bgr())).isLessThanOrEqualTo(tolerance);
  }

  @Test
  void writesProgressiveJpegWithoutExifAndOnlyTheSrgbProfile() {
    byte[] jpeg = encoder.encode(kodak(1), options(OutputFormat.JPEG, 85, null, false)).bytes();
    List<Integer> markers = jpegMarkers(jpeg);
    assertThat(markers).contains(0xC2).doesNotContain(0xC0, 0xE1); // SOF2 progressive; no APP1 EXIF/XMP
    assertThat(markers.subList(0, 2)).as("JFIF APP0 first, then one APP2 ICC profile").containsExactly(0xE0, 0xE2);
    assertThat(markers.stream().filter(m -> m == 0xE2).count()).isEqualTo(1);
  }

  @Test
  void keepsFullChromaAtHighQualityAndSubsamplesBelow() {
    Frame photo = kodak(2);
    assertThat(lumaSampling(encoder.encode(photo, options(OutputFormat.JPEG, 92, null, false)).bytes())).isEqualTo(0x11);
    assertThat(lumaSampling(encoder.encode(photo, options(OutputFormat.JPEG, 80, null, false)).bytes())).isEqualTo(0x22);
  }

  @Test
  void writesNoMetadataChunksInWebpOrPngBesideTheSrgbTag() {
    Frame photo = kodak(3);
    String webp = new String(encoder.encode(photo, options(OutputFormat.WEBP, 85, null, false)).bytes(), StandardCharsets.ISO_8859_1);
    String png = new String(encoder.encode(photo, options(OutputFormat.PNG, 85, null, false)).bytes(), StandardCharsets.ISO_8859_1);
    assertThat(webp).doesNotContain("EXIF", "XMP ").contains("ICCP");
    assertThat(png).doesNotContain("eXIf", "iCCP", "tEXt", "iTXt", "zTXt").contains("sRGB");
  }

  static Stream<Arguments> alphaFormats() {
    // the WebP region straddles four hard colour edges, where lossy chroma costs a few levels
    return Stream.of(Arguments.of(OutputFormat.PNG, 0.01), Arguments.of(OutputFormat.WEBP, 4.5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alphaFormats")
  void writesMatteAsAlphaWhenTransparent(OutputFormat format, double colourTolerance) {
    Frame product = productWithMatte();
    EncodedImage encoded = encoder.encode(product, options(format, 90, null, true));

    DecodedImage back = DECODER.decode(encoded.bytes());
    assertThat(back.info().hadAlpha()).isTrue();
    assertThat(meanAbsDiff(back.frame().matte(), product.matte())).isLessThanOrEqualTo(0.5);
    Rect inside = new Rect(80, 80, 40, 40);
    assertThat(meanAbsDiff(back.frame().bgr().submat(inside), product.bgr().submat(inside))).isLessThanOrEqualTo(colourTolerance);
  }

  @Test
  void leavesTheFrameItEncodesUntouched() {
    Frame product = productWithMatte();
    Mat bgrBefore = product.bgr().clone();
    Mat matteBefore = product.matte().clone();
    encoder.encode(product, options(OutputFormat.WEBP, 80, 5, true));
    assertThat(meanAbsDiff(product.bgr(), bgrBefore)).isZero();
    assertThat(meanAbsDiff(product.matte(), matteBefore)).isZero();
  }

  @Test
  void ignoresMatteWhenBackgroundIsNotTransparent() {
    EncodedImage encoded = encoder.encode(productWithMatte(), options(OutputFormat.PNG, 90, null, false));
    assertThat(DECODER.decode(encoded.bytes()).frame().matte()).isNull();
  }

  static Stream<Arguments> sizeTargets() {
    return Stream.of(OutputFormat.JPEG, OutputFormat.WEBP).flatMap(f ->
        Stream.of(4, 9, 14, 19).flatMap(image -> Stream.of(Arguments.of(f, image, 40), Arguments.of(f, image, 90))));
  }

  @ParameterizedTest(name = "{0} kodak#{1} <= {2} KiB")
  @MethodSource("sizeTargets")
  void meetsSizeTargetWithoutWastingBudget(OutputFormat format, int image, int targetKb) {
    EncodedImage encoded = encoder.encode(kodak(image), options(format, 92, targetKb, false));

    long target = targetKb * 1024L;
    assertThat(encoded.fitsTarget()).isTrue();
    assertThat((long) encoded.bytes().length).isLessThanOrEqualTo(target);
    if (encoded.quality() < 92) {
      assertThat((double) encoded.bytes().length).isGreaterThanOrEqualTo(0.7 * target);
      // three steps up would not have fitted: the search returned one of the two highest fitting qualities
      int threeUp = Math.min(encoded.quality() + 3, 92);
      if (threeUp > encoded.quality()) {
        assertThat((long) ImageEncoder.encodeLossy(kodak(image).bgr(), format, threeUp).length).isGreaterThan(target);
      }
    }
    assertThat(encoded.encodeAttempts()).isLessThanOrEqualTo(SizeTargetSearch.MAX_ATTEMPTS);
  }

  @ParameterizedTest
  @EnumSource(value = OutputFormat.class, names = {"JPEG", "WEBP"})
  void largerTargetNeverLowersQuality(OutputFormat format) {
    Frame photo = kodak(7);
    List<Integer> qualities = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int kb : new int[] {20, 35, 60, 100, 160}) {
      EncodedImage e = encoder.encode(photo, options(format, 95, kb, false));
      qualities.add(e.quality());
      sizes.add(e.bytes().length);
    }
    assertThat(qualities).isSorted();
    assertThat(sizes).isSorted();
    assertThat(qualities.get(0)).isLessThan(qualities.get(qualities.size() - 1));
  }

  @Test
  void keepsRequestedQualityWhenItAlreadyFits() {
    EncodedImage encoded = encoder.encode(kodak(5), options(OutputFormat.JPEG, 85, 5000, false));
    assertThat(encoded.quality()).isEqualTo(85);
    assertThat(encoded.encodeAttempts()).isEqualTo(1);
    assertThat(encoded.fitsTarget()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = OutputFormat.class, names = {"JPEG", "WEBP"})
  void reportsBestEffortAtFloorWhenTargetIsUnreachable(OutputFormat format) {
    Frame noisy = Frame.of(SampleImages.texture(1500, 1500, 11));
    EncodedImage encoded = encoder.encode(noisy, options(format, 92, 5, false));
    assertThat(encoded.fitsTarget()).isFalse();
    assertThat(encoded.quality()).isEqualTo(ImageEncoder.LOSSY_QUALITY_FLOOR);
    assertThat(encoded.bytes().length).isGreaterThan(5 * 1024);
    assertThat(encoded.encodeAttempts()).isEqualTo(2);
  }

  @Test
  void reportsPngTargetHonestly() {
    EncodedImage noisy = encoder.encode(Frame.of(SampleImages.texture(600, 600, 5)), options(OutputFormat.PNG, 92, 5, false));
    assertThat(noisy.fitsTarget()).isFalse();
    assertThat(noisy.quality()).isEqualTo(100);
    assertThat(noisy.bytes().length).isGreaterThan(5 * 1024);

    EncodedImage flat = encoder.encode(Frame.of(SampleImages.quadrants(600, 600)), options(OutputFormat.PNG, 92, 5, false));
    assertThat(flat.fitsTarget()).isTrue();
    assertThat(flat.bytes().length).isLessThanOrEqualTo(5 * 1024);
  }

  private static Frame productWithMatte() {
    Mat bgr = SampleImages.quadrants(200, 200);
    Mat matte = new Mat(200, 200, CvType.CV_8UC1, new Scalar(0));
    Imgproc.circle(matte, new Point(100, 100), 70, new Scalar(255), -1);
    Imgproc.GaussianBlur(matte, matte, new org.opencv.core.Size(9, 9), 0); // soft edge
    return new Frame(bgr, matte);
  }

  /** Marker codes up to the first scan. */
  private static List<Integer> jpegMarkers(byte[] b) {
    List<Integer> markers = new ArrayList<>();
    int i = 2;
    while (i + 4 <= b.length) {
      int marker = b[i + 1] & 0xFF;
      markers.add(marker);
      if (marker == 0xDA) break;
      i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
    }
    return markers;
  }

  /** Horizontal/vertical sampling factors byte of the first (luma) component in the frame header. */
  private static int lumaSampling(byte[] b) {
    int i = 2;
    while (i + 4 <= b.length) {
      int marker = b[i + 1] & 0xFF;
      if (marker >= 0xC0 && marker <= 0xC2) return b[i + 2 + 2 + 6 + 1] & 0xFF;
      i += 2 + ((b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF));
    }
    throw new AssertionError("no frame header");
  }
}
