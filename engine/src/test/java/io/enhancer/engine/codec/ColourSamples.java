package io.enhancer.engine.codec;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Colour-managed test files made in code: profiles, JPEGs with ICC segments, CMYK and YCCK JPEGs, PNGs with iCCP. */
final class ColourSamples {

  private ColourSamples() {}

  /** ArgyllCMS's Adobe RGB (1998)-compatible profile, as TwelveMonkeys ships it on our classpath. */
  static byte[] clayRgb1998() {
    try (InputStream in = ColourSamples.class.getResourceAsStream("/profiles/ClayRGB1998.icc")) {
      if (in == null) throw new IllegalStateException("ClayRGB1998.icc is not on the test classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] displayP3() {
    return MatrixShaperProfile.build("Display P3 (test)", MatrixShaperProfile.Chromaticities.DISPLAY_P3);
  }

  /** APP2 ICC_PROFILE segments carrying the profile in {@code parts} numbered pieces, placed after SOI. */
  static byte[] withIccSegments(byte[] jpeg, byte[] profile, int parts) {
    ByteArrayOutputStream segments = new ByteArrayOutputStream();
    int per = (profile.length + parts - 1) / parts;
    for (int k = 0; k < parts; k++) {
      int from = k * per, to = Math.min(profile.length, from + per);
      int length = 2 + 12 + 2 + (to - from);
      segments.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
      segments.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
      segments.writeBytes(new byte[] {(byte) (k + 1), (byte) parts});
      segments.write(profile, from, to - from);
    }
    return SampleImages.insertAfterSoi(jpeg, segments.toByteArray());
  }

  /** A PNG with an iCCP chunk (zlib-compressed profile) right after IHDR. */
  static byte[] withIccpChunk(byte[] png, byte[] profile) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed)) {
      z.write(profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes("test profile\0\0".getBytes(StandardCharsets.ISO_8859_1)); // name, NUL, compression method 0
    data.writeBytes(compressed.toByteArray());
    return withPngChunk(png, "iCCP", data.toByteArray());
  }

  static byte[] withPngChunk(byte[] png, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
        .putInt((int) crc.getValue());
    int afterHeader = 8 + 25;
    byte[] out = new byte[png.length + chunk.capacity()];
    System.arraycopy(png, 0, out, 0, afterHeader);
    System.arraycopy(chunk.array(), 0, out, afterHeader, chunk.capacity());
    System.arraycopy(png, afterHeader, out, afterHeader + chunk.capacity(), png.length - afterHeader);
    return out;
  }

  /**
   * An Adobe four-component JPEG whose pixel (x, y) has the ink amounts {@code inks.apply(x)} (C, M, Y, K; 255 =
   * solid). ImageIO's writer stores four-band rasters as given, so the Adobe conventions are applied here, as
   * libjpeg's cmyk_ycck_convert does: inks are stored inverted; for YCCK the inks C, M, Y are encoded as if R, G, B
   * through the JFIF YCbCr equations and K is stored inverted.
   */
  static byte[] adobeJpeg(int width, int height, Function<Integer, int[]> inks, boolean ycck) {
    WritableRaster stored = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int x = 0; x < width; x++) {
      int[] k = inks.apply(x);
      int[] s = ycck
          ? new int[] {byteOf(0.299 * k[0] + 0.587 * k[1] + 0.114 * k[2]),
              byteOf(-0.168736 * k[0] - 0.331264 * k[1] + 0.5 * k[2] + 128),
              byteOf(0.5 * k[0] - 0.418688 * k[1] - 0.081312 * k[2] + 128), 255 - k[3]}
          : new int[] {255 - k[0], 255 - k[1], 255 - k[2], 255 - k[3]};
      for (int y = 0; y < height; y++) stored.setPixel(x, y, s);
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.98f);
      writer.write(null, new IIOImage(stored, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return SampleImages.insertAfterSoi(out.toByteArray(), SampleImages.adobeSegment(ycck ? 2 : 0));
  }

  private static int byteOf(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  /**
   * A CMYK printer profile (ICC v2, A2B0 as an mft2 LUT with a 2-point grid): each of the 16 ink corners maps to the
   * Lab colour {@code cornerLab} gives it (arguments 0/1 for C, M, Y, K), linear in between. A grid node converts to
   * exactly its Lab value, so a test knows the right answer for solid inks.
   */
  static byte[] cmykProfile(String description, CornerLab cornerLab) {
    ByteBuffer lut = ByteBuffer.allocate(8 + 4 + 36 + 4 + 4 * 2 * 2 + 16 * 3 * 2 + 3 * 2 * 2);
    lut.put("mft2".getBytes(StandardCharsets.US_ASCII)).putInt(0);
    lut.put((byte) 4).put((byte) 3).put((byte) 2).put((byte) 0);
    for (int i = 0; i < 9; i++) lut.putInt(i % 4 == 0 ? 0x10000 : 0); // identity matrix (unused for CMYK input)
    lut.putShort((short) 2).putShort((short) 2);
    for (int c = 0; c < 4; c++) lut.putShort((short) 0).putShort((short) 0xFFFF);
    for (int c = 0; c < 2; c++) for (int m = 0; m < 2; m++) for (int y = 0; y < 2; y++) for (int k = 0; k < 2; k++) {
      double[] lab = cornerLab.of(c, m, y, k);
      // ICC v2 16-bit Lab: L 0..100 -> 0..0xFF00, a/b -128..127.996 -> 0..0xFFFF (0 at 0x8000)
      lut.putShort((short) Math.round(lab[0] * 0xFF00 / 100.0));
      lut.putShort((short) Math.round((lab[1] + 128) * 256));
      lut.putShort((short) Math.round((lab[2] + 128) * 256));
    }
    for (int c = 0; c < 3; c++) lut.putShort((short) 0).putShort((short) 0xFFFF);
    byte[] a2b0 = lut.array();

    byte[] ascii = (description + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] desc = ByteBuffer.allocate(12 + ascii.length + 78).put("desc".getBytes(StandardCharsets.US_ASCII)).putInt(0)
        .putInt(ascii.length).put(ascii).array();
    byte[] wtpt = ByteBuffer.allocate(20).put("XYZ ".getBytes(StandardCharsets.US_ASCII)).putInt(0)
        .putInt(0xF6D6).putInt(0x10000).putInt(0xD32D).array();
    byte[][] tags = {desc, wtpt, a2b0};
    String[] names = {"desc", "wtpt", "A2B0"};
    int offset = 128 + 4 + 12 * tags.length;
    int[] offsets = new int[tags.length];
    for (int i = 0; i < tags.length; i++) {
      offsets[i] = offset;
      offset += (tags[i].length + 3) / 4 * 4;
    }
    ByteBuffer p = ByteBuffer.allocate(offset);
    p.putInt(offset).putInt(0).putInt(0x02100000).put("prtrCMYKLab ".getBytes(StandardCharsets.US_ASCII));
    p.put(new byte[12]).put("acsp".getBytes(StandardCharsets.US_ASCII)).put(new byte[24]).putInt(0);
    p.putInt(0xF6D6).putInt(0x10000).putInt(0xD32D);
    p.position(128).putInt(tags.length);
    for (int i = 0; i < tags.length; i++) {
      p.put(names[i].getBytes(StandardCharsets.US_ASCII)).putInt(offsets[i]).putInt(tags[i].length);
    }
    for (int i = 0; i < tags.length; i++) p.position(offsets[i]).put(tags[i]);
    return p.array();
  }

  interface CornerLab {
    double[] of(int c, int m, int y, int k);
  }
}
