package io.enhancer.engine.codec;

import static io.enhancer.engine.codec.SampleImages.BLUE;
import static io.enhancer.engine.codec.SampleImages.GREEN;
import static io.enhancer.engine.codec.SampleImages.RED;
import static io.enhancer.engine.codec.SampleImages.WHITE;
import static io.enhancer.engine.codec.SampleImages.meanAbsDiff;
import static io.enhancer.engine.codec.SampleImages.meanAround;
import static io.enhancer.engine.codec.SampleImages.near;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.errors.InvalidImageException;
import io.enhancer.engine.errors.LimitExceededException;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class ImageDecoderTest {
  private static final int W = 120;
  private static final int H = 80;
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.ensureLoaded();
  }

  static Stream<Arguments> everyFormat() {
    Function<Mat, byte[]> jpeg = m -> SampleImages.encode(m, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
    Function<Mat, byte[]> png = m -> SampleImages.encode(m, ".png");
    Function<Mat, byte[]> webp = m -> SampleImages.encode(m, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 90);
    Function<Mat, byte[]> tiff = m -> SampleImages.imageIo(SampleImages.toBufferedImage(m), "tiff");
    Function<Mat, byte[]> bmp = m -> SampleImages.encode(m, ".bmp");
    Function<Mat, byte[]> gif = m -> SampleImages.imageIo(SampleImages.toBufferedImage(m), "gif");
    return Stream.of(
        Arguments.of("jpeg", jpeg, 3.0), Arguments.of("png", png, 0.01), Arguments.of("webp", webp, 4.0),
        Arguments.of("tiff", tiff, 0.01), Arguments.of("bmp", bmp, 0.01), Arguments.of("gif", gif, 1.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyFormat")
  void decodesEveryFormatToBgrWithinTolerance(String format, Function<Mat, byte[]> writer, double tolerance) {
    Mat original = SampleImages.quadrants(W, H);
    byte[] bytes = writer.apply(original);

    DecodedImage decoded = decoder.decode(bytes);

    assertThat(decoded.info().format()).isEqualTo(format);
    assertThat(decoded.frame().width()).isEqualTo(W);
    assertThat(decoded.frame().height()).isEqualTo(H);
    assertThat(decoded.frame().bgr().type()).isEqualTo(CvType.CV_8UC3);
    assertThat(meanAbsDiff(decoded.frame().bgr(), original)).isLessThanOrEqualTo(tolerance);
    assertThat(decoded.info().width()).isEqualTo(W);
    assertThat(decoded.info().height()).isEqualTo(H);
    assertThat(decoded.info().bytes()).isEqualTo(bytes.length);
    assertThat(decoded.info().hadAlpha()).isFalse();
    assertThat(decoded.frame().matte()).isNull();
    assertThat(decoded.info().colourSpace()).isEqualTo("srgb");
    assertThat(decoded.info().decodeSubsampling()).isEqualTo(1);
  }

  @Test
  void sniffsFormatFromBytesNotName() {
    // a PNG is a PNG whatever the caller calls it; the decoder never sees a name, only bytes
    byte[] png = SampleImages.encode(SampleImages.quadrants(W, H), ".png");
    assertThat(decoder.decode(png).info().format()).isEqualTo("png");
  }

  static Stream<Arguments> alphaFormats() {
    return Stream.of(Arguments.of(".png", 0.01), Arguments.of(".webp", 0.01)); // OpenCV webp without quality = lossless
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alphaFormats")
  void keepsAlphaAsMatteWithUnpremultipliedColour(String extension, double tolerance) {
    Mat bgr = SampleImages.quadrants(W, H);
    Mat alpha = new Mat(H, W, CvType.CV_8UC1);
    for (int x = 0; x < W; x++) Imgproc.line(alpha, new org.opencv.core.Point(x, 0), new org.opencv.core.Point(x, H - 1), new Scalar(x * 255.0 / (W - 1)));
    Mat bgra = new Mat();
    Core.merge(java.util.List.of(channel(bgr, 0), channel(bgr, 1), channel(bgr, 2), alpha), bgra);
    byte[] bytes = SampleImages.encode(bgra, extension);

    DecodedImage decoded = decoder.decode(bytes);

    assertThat(decoded.info().hadAlpha()).isTrue();
    assertThat(decoded.frame().matte()).isNotNull();
    assertThat(meanAbsDiff(decoded.frame().matte(), alpha)).isLessThanOrEqualTo(tolerance);
    // colour of semi-transparent pixels is the stored colour, not darkened towards black
    Rect visible = new Rect(10, 0, W - 10, H); // alpha >= ~21 there
    assertThat(meanAbsDiff(decoded.frame().bgr().submat(visible), bgr.submat(visible))).isLessThanOrEqualTo(1.0);
    assertThat(near(meanAround(decoded.frame().bgr(), 20, 20), RED, 2)).isTrue();
  }

  @Test
  void dropsAnAlphaChannelThatIsFullyOpaque() {
    Mat bgra = new Mat();
    Imgproc.cvtColor(SampleImages.quadrants(W, H), bgra, Imgproc.COLOR_BGR2BGRA);
    DecodedImage decoded = decoder.decode(SampleImages.encode(bgra, ".png"));
    assertThat(decoded.frame().matte()).isNull();
    assertThat(decoded.info().hadAlpha()).isFalse();
  }

  @Test
  void convertsSixteenBitPngToEightBit() {
    Mat deep = new Mat(H, W, CvType.CV_16UC3, new Scalar(65535, 32896, 0)); // 32896 = 128 * 257
    Imgproc.rectangle(deep, new Rect(0, 0, W / 2, H), new Scalar(1285, 25700, 51400), -1); // 5, 100, 200
    DecodedImage decoded = decoder.decode(SampleImages.encode(deep, ".png"));

    assertThat(decoded.frame().bgr().type()).isEqualTo(CvType.CV_8UC3);
    assertThat(near(meanAround(decoded.frame().bgr(), W - 10, 10), new Scalar(255, 128, 0), 0.6)).isTrue();
    assertThat(near(meanAround(decoded.frame().bgr(), 10, 10), new Scalar(5, 100, 200), 0.6)).isTrue();
  }

  @Test
  void expandsPalettePngWithTransparentEntryIntoMatte() {
    byte[] r = {(byte) 220, 40, 20}, g = {30, (byte) 200, 60}, b = {30, 40, (byte) 210}, a = {(byte) 255, (byte) 255, 0};
    BufferedImage indexed = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, r, g, b, a));
    WritableRaster raster = indexed.getRaster();
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) raster.setSample(x, y, 0, x < W / 3 ? 0 : x < 2 * W / 3 ? 1 : 2);

    DecodedImage decoded = decoder.decode(SampleImages.imageIo(indexed, "png"));

    assertThat(decoded.info().hadAlpha()).isTrue();
    assertThat(near(meanAround(decoded.frame().bgr(), 10, 40), new Scalar(30, 30, 220), 1)).isTrue();
    assertThat(near(meanAround(decoded.frame().bgr(), W / 2, 40), new Scalar(40, 200, 40), 1)).isTrue();
    assertThat(Core.mean(decoded.frame().matte().submat(new Rect(0, 0, 2 * W / 3, H))).val[0]).isEqualTo(255.0);
    assertThat(Core.mean(decoded.frame().matte().submat(new Rect(2 * W / 3 + 1, 0, W / 3 - 1, H))).val[0]).isEqualTo(0.0);
  }

  @Test
  void convertsGreyJpegToBgr() {
    Mat grey = new Mat(H, W, CvType.CV_8UC1, new Scalar(60));
    Imgproc.rectangle(grey, new Rect(W / 2, 0, W / 2, H), new Scalar(200), -1);
    DecodedImage decoded = decoder.decode(SampleImages.encode(grey, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95));

    assertThat(decoded.info().colourSpace()).isEqualTo("gray");
    assertThat(near(meanAround(decoded.frame().bgr(), 10, 40), new Scalar(60, 60, 60), 2)).isTrue();
    assertThat(near(meanAround(decoded.frame().bgr(), W - 10, 40), new Scalar(200, 200, 200), 2)).isTrue();
  }

  @Test
  void convertsGreyPngToBgrWithoutGammaShift() {
    BufferedImage grey = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) grey.getRaster().setSample(x, y, 0, 100);
    DecodedImage decoded = decoder.decode(SampleImages.imageIo(grey, "png"));
    assertThat(decoded.info().colourSpace()).isEqualTo("gray");
    assertThat(near(meanAround(decoded.frame().bgr(), 10, 10), new Scalar(100, 100, 100), 0.5)).isTrue();
  }

  /**
   * A real Adobe CMYK JPEG, made by writing four-component samples with ImageIO's JPEG writer (it applies no colour
   * transform to 4-band rasters) and splicing in the Adobe APP14 segment that marks them as CMYK. Adobe stores
   * inverted inks: 255 = no ink.
   */
  @Test
  void convertsCmykJpegToSrgb() throws Exception {
    WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, W, H, 4, null);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        cmyk.setPixel(x, y, x < W / 2 ? new int[] {0, 255, 255, 255} /* 100 % cyan */ : new int[] {255, 255, 255, 255});
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new IIOImage(cmyk, null, null), null);
    } finally {
      writer.dispose();
    }
    byte[] jpeg = SampleImages.insertAfterSoi(out.toByteArray(), SampleImages.adobeSegment(0));

    DecodedImage decoded = decoder.decode(jpeg);

    assertThat(decoded.info().colourSpace()).isEqualTo("cmyk");
    double[] cyan = meanAround(decoded.frame().bgr(), W / 4, H / 2);
    double[] paper = meanAround(decoded.frame().bgr(), 3 * W / 4, H / 2);
    assertThat(cyan[2]).as("red of cyan ink").isLessThan(60);
    assertThat(cyan[0]).as("blue of cyan ink").isGreaterThan(180);
    // without an embedded profile the default SWOP-compatible one applies: cyan ink is #00AEEF, not the naive #00FFFF
    // (ColourManagementTest checks the colours against Photoshop's)
    assertThat(cyan[1]).as("green of cyan ink").isBetween(150.0, 200.0);
    assertThat(Arrays.stream(paper).min().orElseThrow()).as("paper white").isGreaterThan(235);
  }

  static Stream<Arguments> orientations() {
    return Stream.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)
        .flatMap(order -> Stream.of(1, 2, 3, 4, 5, 6, 7, 8).map(o -> Arguments.of(o, order)));
  }

  /**
   * Per the EXIF spec, orientation o says which displayed sides the stored row 0 and column 0 lie on. So the stored
   * top-left pixel (red quadrant) and the stored top-right pixel (green quadrant) must land on these displayed corners.
   */
  @ParameterizedTest(name = "orientation {0} {1}")
  @MethodSource("orientations")
  void appliesExifOrientation(int orientation, ByteOrder order) {
    Mat stored = SampleImages.quadrants(W, H);
    byte[] jpeg = SampleImages.insertAfterSoi(SampleImages.encode(stored, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95),
        SampleImages.exifOrientationSegment(orientation, order));

    DecodedImage decoded = decoder.decode(jpeg);

    boolean swapped = orientation >= 5;
    int dw = swapped ? H : W, dh = swapped ? W : H;
    Mat shown = decoded.frame().bgr();
    assertThat(shown.cols()).isEqualTo(dw);
    assertThat(shown.rows()).isEqualTo(dh);
    assertThat(decoded.info().width()).isEqualTo(dw);
    assertThat(decoded.info().exifOrientation()).isEqualTo(orientation);
    String[] redCorner = {"", "TL", "TR", "BR", "BL", "TL", "TR", "BR", "BL"};
    String[] greenCorner = {"", "TR", "TL", "BL", "BR", "BL", "BR", "TR", "TL"};
    assertThat(near(corner(shown, redCorner[orientation]), RED, 4)).as("red at " + redCorner[orientation]).isTrue();
    assertThat(near(corner(shown, greenCorner[orientation]), GREEN, 4)).as("green at " + greenCorner[orientation]).isTrue();
  }

  @Test
  void appliesOrientationFromPngExifChunk() {
    byte[] png = SampleImages.encode(SampleImages.quadrants(W, H), ".png");
    byte[] segment = SampleImages.exifOrientationSegment(8, ByteOrder.LITTLE_ENDIAN);
    byte[] tiff = Arrays.copyOfRange(segment, 10, segment.length); // drop marker, length and "Exif\0\0"
    ByteBuffer exif = ByteBuffer.allocate(12 + tiff.length);
    chunk(exif, "eXIf", tiff);
    int iend = png.length - 12;
    byte[] tagged = new byte[png.length + exif.capacity()];
    System.arraycopy(png, 0, tagged, 0, iend);
    System.arraycopy(exif.array(), 0, tagged, iend, exif.capacity());
    System.arraycopy(png, iend, tagged, iend + exif.capacity(), 12);

    DecodedImage decoded = decoder.decode(tagged);

    assertThat(decoded.info().exifOrientation()).isEqualTo(8);
    assertThat(decoded.frame().width()).isEqualTo(H);
    assertThat(near(corner(decoded.frame().bgr(), "BL"), RED, 1)).isTrue(); // orientation 8: stored row 0 = left side
  }

  private static double[] corner(Mat m, String which) {
    int x = which.endsWith("L") ? 8 : m.cols() - 9;
    int y = which.startsWith("T") ? 8 : m.rows() - 9;
    return meanAround(m, x, y);
  }

  @Test
  void readsFirstFrameOfAnimatedGif() {
    byte[] gif = SampleImages.animatedGif(W, H, 0xDC1E1E, 0x1E1EDC, 0x1EDC1E);
    DecodedImage decoded = decoder.decode(gif);
    assertThat(decoded.info().format()).isEqualTo("gif");
    assertThat(near(meanAround(decoded.frame().bgr(), W / 2, H / 2), new Scalar(0x1E, 0x1E, 0xDC), 2)).isTrue();
  }

  @Test
  void readsLargeJpegReducedWhenAskedForASmallerLongSide() {
    Mat big = SampleImages.texture(4000, 3000, 3);
    byte[] jpeg = SampleImages.encode(big, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);

    DecodedImage full = decoder.decode(jpeg, 0);
    DecodedImage forCanvas = decoder.decode(jpeg, 1500);
    DecodedImage forThumb = decoder.decode(jpeg, 400);

    assertThat(full.info().decodeSubsampling()).isEqualTo(1);
    assertThat(forCanvas.info().decodeSubsampling()).isEqualTo(2);
    assertThat(forCanvas.frame().width()).isEqualTo(2000);
    assertThat(forCanvas.frame().height()).isEqualTo(1500);
    assertThat(forThumb.info().decodeSubsampling()).isEqualTo(8);
    assertThat(forThumb.frame().width()).isEqualTo(500);
    assertThat(forCanvas.info().width()).as("source size stays the original").isEqualTo(4000);
    Mat downsized = new Mat();
    Imgproc.resize(full.frame().bgr(), downsized, new org.opencv.core.Size(2000, 1500), 0, 0, Imgproc.INTER_AREA);
    assertThat(meanAbsDiff(forCanvas.frame().bgr(), downsized)).isLessThan(4.0);
  }

  @Test
  void doesNotReduceWhenTheLongSideIsAlreadySmall() {
    byte[] jpeg = SampleImages.encode(SampleImages.quadrants(W, H), ".jpg");
    assertThat(decoder.decode(jpeg, 100).info().decodeSubsampling()).isEqualTo(1);
  }

  // ---- rejections ----

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> decoder.decode(new byte[0])).isInstanceOf(InvalidImageException.class).hasMessage("input is empty");
    assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(InvalidImageException.class).hasMessage("input is empty");
  }

  @Test
  void rejectsRandomBytesAndText() {
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[0] = 0x12;
    assertThatThrownBy(() -> decoder.decode(random)).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("not an image: unrecognised signature");
    assertThatThrownBy(() -> decoder.decode("<html><body>not found</body></html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidImageException.class).hasMessageStartingWith("not an image: unrecognised signature");
  }

  /**
   * libjpeg decodes a cut-off JPEG "successfully", filling the missing part with grey (OpenCV returns a full-size
   * image and only prints a warning), so the decoder requires the end-of-image marker and rejects the upload.
   */
  @Test
  void rejectsTruncatedJpeg() {
    byte[] jpeg = SampleImages.encode(SampleImages.texture(600, 400, 1), ".jpg");
    byte[] half = Arrays.copyOf(jpeg, jpeg.length / 2);
    assertThat(Imgcodecs.imdecode(new org.opencv.core.MatOfByte(half), Imgcodecs.IMREAD_COLOR).empty())
        .as("libjpeg alone accepts it").isFalse();

    assertThatThrownBy(() -> decoder.decode(half)).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("truncated JPEG: no end-of-image marker");
    assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(jpeg, 300))).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("truncated JPEG");
  }

  @Test
  void acceptsJpegWithTrailingBytesAfterEndOfImage() {
    byte[] jpeg = SampleImages.encode(SampleImages.quadrants(W, H), ".jpg");
    byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 100); // e.g. a phone's appended data
    assertThat(decoder.decode(padded).frame().width()).isEqualTo(W);
  }

  @Test
  void rejectsTruncatedPng() {
    byte[] png = SampleImages.encode(SampleImages.texture(300, 200, 2), ".png");
    assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(png, png.length / 2))).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("truncated PNG");
    assertThatThrownBy(() -> decoder.decode(Arrays.copyOf(png, png.length - 12))).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("truncated PNG: no IEND chunk");
  }

  @Test
  void rejectsCorruptPng() {
    byte[] png = SampleImages.encode(SampleImages.texture(300, 200, 2), ".png");
    byte[] damaged = png.clone();
    damaged[png.length / 2] ^= 0x55; // inside IDAT: CRC no longer matches
    assertThatThrownBy(() -> decoder.decode(damaged)).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("corrupt PNG");
  }

  @Test
  void rejectsCorruptGif() {
    byte[] gif = SampleImages.animatedGif(W, H, 0xFF0000);
    byte[] headerOnly = Arrays.copyOf(gif, 20);
    assertThatThrownBy(() -> decoder.decode(headerOnly)).isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith("corrupt GIF");
  }

  @Test
  void rejectsInputOverTheByteLimit() {
    ImageDecoder strict = new ImageDecoder(new ImageLimits(1000, 50_000_000, Duration.ofSeconds(5)));
    byte[] jpeg = SampleImages.encode(SampleImages.texture(300, 200, 4), ".jpg");
    assertThatThrownBy(() -> strict.decode(jpeg)).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("limit is 1000");
  }

  @Test
  void rejectsImageOverThePixelLimit() {
    ImageDecoder strict = new ImageDecoder(new ImageLimits(50_000_000, 9_000, Duration.ofSeconds(5)));
    byte[] jpeg = SampleImages.encode(SampleImages.quadrants(W, H), ".jpg");
    assertThatThrownBy(() -> strict.decode(jpeg)).isInstanceOf(LimitExceededException.class)
        .hasMessage("image is 120x80 = 9600 pixels, limit is 9000");
  }

  /** A 70-byte PNG that declares 20000x20000 (400 MP, 1.2 GB of pixels): rejected from IHDR, nothing is inflated. */
  @Test
  void rejectsDecompressionBombFromHeader() {
    byte[] bomb = pngDeclaring(20_000, 20_000);
    assertThat(bomb.length).isLessThan(100);
    assertThatThrownBy(() -> decoder.decode(bomb)).isInstanceOf(LimitExceededException.class)
        .hasMessage("image is 20000x20000 = 400000000 pixels, limit is 50000000");
  }

  @Test
  void rejectsJpegBombFromFrameHeader() {
    byte[] jpeg = SampleImages.encode(SampleImages.quadrants(16, 16), ".jpg");
    int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
    jpeg[sof + 5] = (byte) 0xEA; // height 60000
    jpeg[sof + 6] = 0x60;
    jpeg[sof + 7] = (byte) 0xEA; // width 60000
    jpeg[sof + 8] = 0x60;
    assertThatThrownBy(() -> decoder.decode(jpeg)).isInstanceOf(LimitExceededException.class)
        .hasMessageStartingWith("image is 60000x60000");
  }

  private static int indexOf(byte[] data, byte a, byte b) {
    for (int i = 0; i < data.length - 1; i++) if (data[i] == a && data[i + 1] == b) return i;
    throw new AssertionError("marker not found");
  }

  private static byte[] pngDeclaring(int width, int height) {
    ByteBuffer buf = ByteBuffer.allocate(8 + 25 + 12 + 12 + 12).order(ByteOrder.BIG_ENDIAN);
    buf.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(buf, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0).array());
    chunk(buf, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01}); // a few zero bytes
    chunk(buf, "IEND", new byte[0]);
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private static void chunk(ByteBuffer buf, String type, byte[] data) {
    buf.putInt(data.length);
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    buf.put(typeBytes).put(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    buf.putInt((int) crc.getValue());
  }

  private static Mat channel(Mat m, int c) {
    Mat out = new Mat();
    Core.extractChannel(m, out, c);
    return out;
  }
}
