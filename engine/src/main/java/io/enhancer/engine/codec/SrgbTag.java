package io.enhancer.engine.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Marks encoded output as sRGB, which its pixels are after decoding. Browsers other than Firefox treat an untagged
 * image as sRGB, but Firefox's default (gfx.color_management.mode 2) colour-manages tagged images only, so on a
 * wide-gamut screen an untagged product photo is shown oversaturated. JPEG and WebP get the 1 KB
 * {@link MatrixShaperProfile#SRGB} (APP2 ICC_PROFILE, as ICC.1 annex B.4 lays it out; WebP VP8X + ICCP); PNG gets
 * the 13-byte sRGB chunk, which the PNG spec defines for exactly this.
 */
final class SrgbTag {
  private static final byte[] PROFILE = MatrixShaperProfile.SRGB;

  private SrgbTag() {}

  /** Inserts the profile after SOI and the JFIF APP0 segment (JFIF wants APP0 first). */
  static byte[] jpeg(byte[] jpeg) {
    int at = 2;
    if (jpeg.length > 6 && (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
      at = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
    }
    int length = 2 + 12 + 2 + PROFILE.length;
    ByteBuffer segment = ByteBuffer.allocate(2 + length);
    segment.put((byte) 0xFF).put((byte) 0xE2).putShort((short) length)
        .put("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).put(PROFILE);
    return splice(jpeg, at, segment.array());
  }

  /** Inserts an sRGB chunk (rendering intent 0, perceptual) right after IHDR, ahead of PLTE and IDAT. */
  static byte[] png(byte[] png) {
    int afterHeader = 8 + 8 + 13 + 4;
    ByteBuffer chunk = ByteBuffer.allocate(13);
    byte[] type = "sRGB".getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(0);
    chunk.putInt(1).put(type).put((byte) 0).putInt((int) crc.getValue());
    return splice(png, afterHeader, chunk.array());
  }

  /**
   * Adds an ICCP chunk, which needs the extended format: a simple file (one VP8 or VP8L chunk) is given a VP8X
   * header first; an extended one (libwebp writes it when there is alpha) gets the ICC flag set.
   */
  static byte[] webp(byte[] webp, int width, int height) {
    return webp(webp, width, height, PROFILE);
  }

  /** As {@link #webp(byte[], int, int)} with any profile (tests embed other colour spaces with it). */
  static byte[] webp(byte[] webp, int width, int height, byte[] profile) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length + profile.length + 32);
    out.writeBytes(new byte[12]); // RIFF header, sizes filled in at the end
    String first = new String(webp, 12, 4, StandardCharsets.US_ASCII);
    int rest = 12;
    if (first.equals("VP8X")) {
      byte[] header = java.util.Arrays.copyOfRange(webp, 12, 12 + 18);
      header[8] |= 0x20; // ICC profile flag
      out.writeBytes(header);
      rest = 12 + 18;
    } else {
      ByteBuffer header = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
      header.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10);
      header.put((byte) (0x20 | (first.equals("VP8L") && losslessHasAlpha(webp) ? 0x10 : 0))).put(new byte[3]);
      putUint24(header, width - 1);
      putUint24(header, height - 1);
      out.writeBytes(header.array());
    }
    ByteBuffer iccp = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    iccp.put("ICCP".getBytes(StandardCharsets.US_ASCII)).putInt(profile.length);
    out.writeBytes(iccp.array());
    out.writeBytes(profile);
    if (profile.length % 2 == 1) out.write(0); // chunks are padded to even length
    out.write(webp, rest, webp.length - rest);
    byte[] result = out.toByteArray();
    ByteBuffer riff = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(result.length - 8)
        .put("WEBP".getBytes(StandardCharsets.US_ASCII));
    return result;
  }

  /** VP8L header: signature 0x2F, then 14 bits width-1, 14 bits height-1 and the alpha_is_used bit. */
  private static boolean losslessHasAlpha(byte[] webp) {
    int bits = ByteBuffer.wrap(webp, 21, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return (bits >>> 28 & 1) == 1;
  }

  private static void putUint24(ByteBuffer b, int v) {
    b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
  }

  private static byte[] splice(byte[] data, int at, byte[] insert) {
    byte[] out = new byte[data.length + insert.length];
    System.arraycopy(data, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(data, at, out, at + insert.length, data.length - at);
    return out;
  }
}
