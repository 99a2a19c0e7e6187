package io.enhancer.engine.codec;

import static io.enhancer.engine.codec.Colorimetry.deltaE2000;
import static org.assertj.core.api.Assertions.assertThat;

import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.options.OutputFormat;
import io.enhancer.engine.pipeline.Frame;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decoding honours colour profiles and the output says it is sRGB. Expected colours come from the published colour
 * space definitions ({@link Colorimetry}) or Photoshop's published conversions, never from the colour engine itself;
 * each test also shows that ignoring the profile would miss by far more than it allows.
 */
class ColourManagementTest {
  private static final int W = 96;
  private static final int H = 64;
  /** A saturated green inside both the sRGB and the Adobe RGB / Display P3 gamuts. */
  private static final int[] SRGB_GREEN = {20, 200, 30};
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  /** The reference formulas themselves: Sharma et al.'s first CIEDE2000 test pair, and sRGB white = D50 white. */
  @Test
  void referenceColorimetryMatchesPublishedValues() {
    assertThat(deltaE2000(new double[] {50, 2.6772, -79.7751}, new double[] {50, 0, -82.7485})).isCloseTo(2.0425,
        org.assertj.core.data.Offset.offset(1e-4));
    double[] white = Colorimetry.labOfSrgb(255, 255, 255);
    assertThat(Math.abs(white[0] - 100) + Math.abs(white[1]) + Math.abs(white[2])).isLessThan(0.01);
  }

  @Test
  void jpegWithAnAdobeRgbProfileDecodesToTheSameColourInSrgb() {
    int[] adobe = Colorimetry.adobeRgbOfSrgb(SRGB_GREEN[0], SRGB_GREEN[1], SRGB_GREEN[2]);
    byte[] jpeg = ColourSamples.withIccSegments(flatJpeg(adobe), ColourSamples.clayRgb1998(), 1);

    DecodedImage decoded = decoder.decode(jpeg);

    double[] expected = Colorimetry.labOfAdobeRgb(adobe[0], adobe[1], adobe[2]);
    assertThat(deltaE2000(labOf(decoded), expected)).as("ΔE2000 after conversion").isLessThan(2);
    assertThat(deltaE2000(Colorimetry.labOfSrgb(adobe[0], adobe[1], adobe[2]), expected))
        .as("ΔE2000 had the profile been ignored").isGreaterThan(4);
    assertThat(decoded.info().colourProfile()).isEqualTo("Compatible with Adobe RGB (1998) to sRGB");
  }

  @Test
  void jpegWithADisplayP3ProfileSplitOverTwoSegmentsDecodesToTheSameColourInSrgb() {
    int[] p3 = Colorimetry.displayP3OfSrgb(SRGB_GREEN[0], SRGB_GREEN[1], SRGB_GREEN[2]);
    byte[] jpeg = ColourSamples.withIccSegments(flatJpeg(p3), ColourSamples.displayP3(), 2);

    DecodedImage decoded = decoder.decode(jpeg);

    double[] expected = Colorimetry.labOfDisplayP3(p3[0], p3[1], p3[2]);
    assertThat(deltaE2000(labOf(decoded), expected)).isLessThan(2);
    assertThat(deltaE2000(Colorimetry.labOfSrgb(p3[0], p3[1], p3[2]), expected)).isGreaterThan(3);
    assertThat(decoded.info().colourProfile()).isEqualTo("Display P3 (test) to sRGB");
  }

  @Test
  void pngWithAnIccpChunkIsConvertedLikeAJpeg() {
    int[] adobe = Colorimetry.adobeRgbOfSrgb(SRGB_GREEN[0], SRGB_GREEN[1], SRGB_GREEN[2]);
    byte[] png = ColourSamples.withIccpChunk(SampleImages.encode(flat(adobe), ".png"), ColourSamples.clayRgb1998());

    DecodedImage decoded = decoder.decode(png);

    assertThat(deltaE2000(labOf(decoded), Colorimetry.labOfAdobeRgb(adobe[0], adobe[1], adobe[2]))).isLessThan(1);
  }

  @Test
  void webpWithAnIccpChunkIsConvertedLikeAJpeg() {
    int[] adobe = Colorimetry.adobeRgbOfSrgb(SRGB_GREEN[0], SRGB_GREEN[1], SRGB_GREEN[2]);
    byte[] webp = SrgbTag.webp(SampleImages.encode(flat(adobe), ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 101), W, H,
        ColourSamples.clayRgb1998());

    DecodedImage decoded = decoder.decode(webp);

    assertThat(deltaE2000(labOf(decoded), Colorimetry.labOfAdobeRgb(adobe[0], adobe[1], adobe[2]))).isLessThan(1);
  }

  /**
   * Photoshop's default CMYK space, U.S. Web Coated (SWOP) v2, turns the solid inks into these sRGB colours (the
   * swatches Adobe's apps ship: process cyan #00AEEF, magenta #EC008C, yellow #FFF200, black #231F20). Without a
   * profile the file is read through the SWOP-compatible default; the naive formula (R = 255 - C - K ...) gives
   * #00FFFF for cyan, ΔE2000 26 away (magenta 18, yellow 3.5).
   */
  @Test
  void cmykJpegWithoutProfileMatchesPhotoshopsSwopSolids() {
    int[][] inks = {{255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}, {0, 0, 0, 0}};
    int[][] photoshop = {{0x00, 0xAE, 0xEF}, {0xEC, 0x00, 0x8C}, {0xFF, 0xF2, 0x00}, {0x23, 0x1F, 0x20}, {255, 255, 255}};
    int band = 24;
    byte[] jpeg = ColourSamples.adobeJpeg(band * inks.length, H, x -> inks[x / band], false);

    DecodedImage decoded = decoder.decode(jpeg);

    assertThat(decoded.info().colourSpace()).isEqualTo("cmyk");
    assertThat(decoded.info().colourProfile()).startsWith("none embedded: CGATS TR 001");
    for (int i = 0; i < inks.length; i++) {
      double[] expected = Colorimetry.labOfSrgb(photoshop[i][0], photoshop[i][1], photoshop[i][2]);
      double[] got = labAt(decoded, band * i + band / 2, H / 2);
      assertThat(deltaE2000(got, expected)).as("ink " + Arrays.toString(inks[i])).isLessThan(2);
      int[] naive = naive(inks[i]);
      if (i < 2) assertThat(deltaE2000(Colorimetry.labOfSrgb(naive[0], naive[1], naive[2]), expected)).isGreaterThan(10);
    }
  }

  @Test
  void ycckJpegDecodesLikeTheSameInksStoredAsCmyk() {
    int[][] inks = {{255, 0, 0, 0}, {40, 160, 210, 30}, {0, 0, 0, 0}};
    int band = 32;
    byte[] cmyk = ColourSamples.adobeJpeg(band * inks.length, H, x -> inks[x / band], false);
    byte[] ycck = ColourSamples.adobeJpeg(band * inks.length, H, x -> inks[x / band], true);

    DecodedImage fromCmyk = decoder.decode(cmyk);
    DecodedImage fromYcck = decoder.decode(ycck);

    assertThat(fromYcck.info().colourSpace()).isEqualTo("ycck");
    for (int i = 0; i < inks.length; i++) {
      int x = band * i + band / 2;
      assertThat(deltaE2000(labAt(fromYcck, x, H / 2), labAt(fromCmyk, x, H / 2))).as("ink " + i).isLessThan(1.5);
    }
  }

  @Test
  void cmykJpegUsesTheProfileItEmbedsRatherThanTheDefault() {
    double[] paper = {96, 0, 0};
    double[] cyanInk = {62, -25, -35}; // a lighter, duller cyan than SWOP's (L 55, a -37, b -50), inside sRGB
    byte[] profile = ColourSamples.cmykProfile("Test press", (c, m, y, k) -> c == 1 && m + y + k == 0 ? cyanInk
        : new double[] {Math.max(5, 96 - 30 * (c + m + y) - 70 * k), 10 * (m - c), 10 * (y - c)});
    int band = 32;
    byte[] jpeg = ColourSamples.withIccSegments(
        ColourSamples.adobeJpeg(band * 2, H, x -> x < band ? new int[] {255, 0, 0, 0} : new int[] {0, 0, 0, 0}, false),
        profile, 1);

    DecodedImage decoded = decoder.decode(jpeg);

    assertThat(decoded.info().colourProfile()).isEqualTo("Test press to sRGB");
    assertThat(deltaE2000(labAt(decoded, band / 2, H / 2), cyanInk)).isLessThan(2);
    assertThat(deltaE2000(labAt(decoded, band + band / 2, H / 2), paper)).isLessThan(2);
    assertThat(deltaE2000(Colorimetry.labOfSrgb(0x00, 0xAE, 0xEF), cyanInk)).as("the default would miss").isGreaterThan(5);
  }

  /** An sRGB profile needs no conversion: the pixels are the untagged file's, bit for bit. */
  @Test
  void srgbTaggedFilesDecodeExactlyLikeUntaggedOnes() {
    Mat picture = SampleImages.texture(W, H, 3);
    byte[] untagged = SampleImages.encode(picture, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
    byte[] jdkSrgb = ColourSamples.withIccSegments(untagged, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(), 1);
    byte[] compactSrgb = ColourSamples.withIccSegments(untagged, MatrixShaperProfile.SRGB, 1);
    byte[] png = SampleImages.encode(picture, ".png");

    Mat reference = decoder.decode(untagged).frame().bgr();
    DecodedImage tagged = decoder.decode(jdkSrgb);

    assertThat(identical(tagged.frame().bgr(), reference)).isTrue();
    assertThat(identical(decoder.decode(compactSrgb).frame().bgr(), reference)).isTrue();
    assertThat(tagged.info().colourProfile()).endsWith("(sRGB, kept)");
    assertThat(decoder.decode(untagged).info().colourProfile()).isEqualTo("none");
    DecodedImage srgbChunk = decoder.decode(SrgbTag.png(png));
    assertThat(srgbChunk.info().colourProfile()).isEqualTo("sRGB");
    assertThat(identical(srgbChunk.frame().bgr(), decoder.decode(png).frame().bgr())).isTrue();
  }

  /** Browsers show a file whose profile is broken as sRGB; so do we, and the source info says why. */
  @Test
  void unusableProfilesAreIgnoredAndNamed() {
    byte[] untagged = SampleImages.encode(SampleImages.texture(W, H, 5), ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
    Mat reference = decoder.decode(untagged).frame().bgr();
    byte[] garbage = "definitely not an ICC profile, just text".repeat(8).getBytes(StandardCharsets.US_ASCII);
    byte[] cmykOnRgb = ColourSamples.cmykProfile("Press", (c, m, y, k) -> new double[] {90 - 20 * (c + m + y + k), 0, 0});
    byte[] twoParts = ColourSamples.withIccSegments(untagged, ColourSamples.clayRgb1998(), 2);
    int second = indexOf(twoParts, "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), 30);
    twoParts[second + 12] = 3; // "3 of 2"

    DecodedImage notAProfile = decoder.decode(ColourSamples.withIccSegments(untagged, garbage, 1));
    DecodedImage wrongSpace = decoder.decode(ColourSamples.withIccSegments(untagged, cmykOnRgb, 1));
    DecodedImage misnumbered = decoder.decode(twoParts);

    assertThat(notAProfile.info().colourProfile()).startsWith("ignored: not an ICC profile");
    assertThat(wrongSpace.info().colourProfile()).isEqualTo("ignored: 'Press' is a CMYK profile on RGB samples");
    assertThat(misnumbered.info().colourProfile()).startsWith("ignored: ICC_PROFILE segments are misnumbered");
    for (DecodedImage d : new DecodedImage[] {notAProfile, wrongSpace, misnumbered}) {
      assertThat(identical(d.frame().bgr(), reference)).isTrue();
    }
  }

  /** A 7 KB iCCP chunk that would inflate to 16 MB is refused at the header, before any pixel is decoded. */
  @Test
  void iccpChunkInflatingPastTheLimitIsIgnored() throws Exception {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed)) {
      z.write(new byte[16 << 20]);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes("bomb\0\0".getBytes(StandardCharsets.ISO_8859_1));
    data.writeBytes(compressed.toByteArray());
    byte[] png = ColourSamples.withPngChunk(SampleImages.encode(SampleImages.quadrants(W, H), ".png"), "iCCP",
        data.toByteArray());
    assertThat(png.length).isLessThan(40_000);

    DecodedImage decoded = decoder.decode(png);

    assertThat(decoded.info().colourProfile()).isEqualTo("ignored: iCCP profile inflates past 4194304 bytes");
    assertThat(decoded.frame().width()).isEqualTo(W);
  }

  @Test
  void compactSrgbProfileConvertsLikeTheJdksSrgb() {
    int n = 32;
    WritableRaster grid = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, n * n * n, 1, 3, null);
    for (int i = 0; i < n * n * n; i++) {
      grid.setPixel(i, 0, new int[] {i / (n * n) * 255 / (n - 1), i / n % n * 255 / (n - 1), i % n * 255 / (n - 1)});
    }
    WritableRaster out = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, n * n * n, 1, 3, null);
    new ColorConvertOp(new ICC_ColorSpace(ICC_Profile.getInstance(MatrixShaperProfile.SRGB)),
        ColorSpace.getInstance(ColorSpace.CS_sRGB), null).filter(grid, out);

    int worst = 0;
    for (int i = 0; i < n * n * n; i++) {
      for (int c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(grid.getSample(i, 0, c) - out.getSample(i, 0, c)));
    }
    assertThat(worst).as("largest difference in 8-bit levels").isLessThanOrEqualTo(1);
    assertThat(MatrixShaperProfile.SRGB.length).isLessThan(1100);
  }

  /** Every output format says it is sRGB, in a form the JDK's and OpenCV's decoders still read. */
  @Test
  void encodedOutputDeclaresSrgb() throws Exception {
    Mat picture = SampleImages.texture(W, H, 9);
    ImageEncoder encoder = new ImageEncoder();
    for (OutputFormat format : OutputFormat.values()) {
      EnhanceOptions options = EnhanceOptions.builder().format(format).build();
      byte[] bytes = encoder.encode(new Frame(picture, null), options).bytes();

      DecodedImage decoded = decoder.decode(bytes);
      assertThat(decoded.info().colourProfile()).as(format.id())
          .isEqualTo(format == OutputFormat.PNG ? "sRGB" : "sRGB IEC61966-2.1 (compact) (sRGB, kept)");
      Mat viaOpenCv = Imgcodecs.imdecode(new org.opencv.core.MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
      assertThat(identical(decoded.frame().bgr(), viaOpenCv)).as(format.id()).isTrue();
      assertThat(SampleImages.meanAbsDiff(decoded.frame().bgr(), picture)).as(format.id()).isLessThan(8);
    }
    byte[] jpeg = encoder.encode(new Frame(picture, null), EnhanceOptions.builder().format(OutputFormat.JPEG).build())
        .bytes();
    assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg)).getWidth()).isEqualTo(W);
  }

  @Test
  void transparentWebpKeepsItsAlphaWhenTagged() {
    Mat alpha = new Mat(H, W, CvType.CV_8UC1, new Scalar(0));
    org.opencv.imgproc.Imgproc.rectangle(alpha, new Rect(W / 4, H / 4, W / 2, H / 2), new Scalar(255), -1);
    Frame frame = new Frame(SampleImages.quadrants(W, H), alpha);
    EnhanceOptions options = EnhanceOptions.builder().format(OutputFormat.WEBP).transparent(true).build();

    byte[] webp = new ImageEncoder().encode(frame, options).bytes();
    DecodedImage decoded = decoder.decode(webp);

    assertThat(decoded.info().hadAlpha()).isTrue();
    assertThat(SampleImages.meanAbsDiff(decoded.frame().matte(), alpha)).isLessThan(2);
    assertThat(decoded.info().colourProfile()).endsWith("(sRGB, kept)");
  }

  // ---- helpers ----

  private static Mat flat(int[] rgb) {
    return new Mat(H, W, CvType.CV_8UC3, new Scalar(rgb[2], rgb[1], rgb[0]));
  }

  private static byte[] flatJpeg(int[] rgb) {
    return SampleImages.encode(flat(rgb), ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 98,
        Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444);
  }

  private static double[] labOf(DecodedImage decoded) {
    return labAt(decoded, W / 2, H / 2);
  }

  private static double[] labAt(DecodedImage decoded, int x, int y) {
    double[] bgr = SampleImages.meanAround(decoded.frame().bgr(), x, y);
    return Colorimetry.labOfSrgb(bgr[2], bgr[1], bgr[0]);
  }

  private static int[] naive(int[] ink) {
    int k = ink[3];
    return new int[] {(255 - ink[0]) * (255 - k) / 255, (255 - ink[1]) * (255 - k) / 255, (255 - ink[2]) * (255 - k) / 255};
  }

  private static boolean identical(Mat a, Mat b) {
    Mat diff = new Mat();
    Core.absdiff(a, b, diff);
    return Core.countNonZero(diff.reshape(1)) == 0;
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (data[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
