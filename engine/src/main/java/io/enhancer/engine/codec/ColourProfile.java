package io.enhancer.engine.codec;

import java.awt.color.CMMException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ICC profile parsed once, with what decoding needs to know: its colour space, its name, and whether it converts
 * to sRGB as the identity (a camera's "sRGB IEC61966-2.1" does). That verdict takes a trial conversion (~2 ms), so
 * parsed profiles are remembered by their bytes: a shop's photos share a handful, and a known sRGB profile then costs
 * a map look-up per decode.
 */
final class ColourProfile {
  /** A converted sample off by at most this many 8-bit levels still counts as unchanged (rounding in the CMM). */
  private static final int SRGB_TOLERANCE = 1;
  private static final int PROBE_STEPS = 6; // 6^3 colours, or 256 greys
  private static final int CACHE_BYTES = 4 << 20;
  private static final Map<ByteBuffer, ColourProfile> CACHE = new LinkedHashMap<>(16, 0.75f, true);
  private static long cachedBytes;

  private final ICC_Profile icc;
  private final String description;
  private final boolean srgb;

  private ColourProfile(ICC_Profile icc, String description, boolean srgb) {
    this.icc = icc;
    this.description = description;
    this.srgb = srgb;
  }

  /** @throws IllegalArgumentException naming why these bytes are no usable profile (unparseable, or no link to sRGB) */
  static ColourProfile of(byte[] data) {
    ByteBuffer key = ByteBuffer.wrap(data);
    synchronized (CACHE) {
      ColourProfile known = CACHE.get(key);
      if (known != null) return known;
    }
    ColourProfile parsed = parse(data);
    synchronized (CACHE) {
      if (data.length <= CACHE_BYTES && CACHE.putIfAbsent(key, parsed) == null) {
        cachedBytes += data.length;
        var eldest = CACHE.entrySet().iterator();
        while (cachedBytes > CACHE_BYTES && eldest.hasNext()) {
          cachedBytes -= eldest.next().getKey().capacity();
          eldest.remove();
        }
      }
    }
    return parsed;
  }

  ICC_Profile icc() {
    return icc;
  }

  /** ColorSpace.TYPE_RGB, TYPE_GRAY, TYPE_CMYK, ... */
  int colourSpaceType() {
    return icc.getColorSpaceType();
  }

  String description() {
    return description;
  }

  /** True when converting through this profile would leave every 8-bit sRGB value as it is. */
  boolean matchesSrgb() {
    return srgb;
  }

  private static ColourProfile parse(byte[] data) {
    ICC_Profile icc;
    try {
      icc = ICC_Profile.getInstance(data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an ICC profile (" + e.getMessage() + ")", e);
    }
    String description = description(icc);
    int bands = icc.getNumComponents();
    int type = icc.getColorSpaceType();
    if (type != ColorSpace.TYPE_RGB && type != ColorSpace.TYPE_GRAY && type != ColorSpace.TYPE_CMYK) {
      throw new IllegalArgumentException("'" + description + "' describes colour space type " + type
          + ", not RGB, grey or CMYK");
    }
    WritableRaster probe = probe(type, bands);
    WritableRaster converted;
    try {
      converted = SrgbConversion.convert(icc, probe);
    } catch (CMMException | IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + description + "' cannot be converted to sRGB (" + e.getMessage() + ")", e);
    }
    return new ColourProfile(icc, description, type != ColorSpace.TYPE_CMYK && isIdentity(probe, converted));
  }

  private static WritableRaster probe(int type, int bands) {
    if (type == ColorSpace.TYPE_GRAY) {
      WritableRaster greys = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 256, 1, 1, null);
      for (int v = 0; v < 256; v++) greys.setSample(v, 0, 0, v);
      return greys;
    }
    int n = type == ColorSpace.TYPE_RGB ? PROBE_STEPS * PROBE_STEPS * PROBE_STEPS : PROBE_STEPS * PROBE_STEPS;
    WritableRaster samples = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, n, 1, bands, null);
    for (int i = 0; i < n; i++) {
      for (int band = 0, rest = i; band < bands; band++, rest /= PROBE_STEPS) {
        samples.setSample(i, 0, band, band < 3 || type == ColorSpace.TYPE_RGB ? rest % PROBE_STEPS * 51 : 0);
      }
    }
    return samples;
  }

  private static boolean isIdentity(Raster probe, Raster converted) {
    for (int x = 0; x < probe.getWidth(); x++) {
      for (int band = 0; band < 3; band++) {
        int expected = probe.getSample(x, 0, Math.min(band, probe.getNumBands() - 1));
        if (Math.abs(converted.getSample(x, 0, band) - expected) > SRGB_TOLERANCE) return false;
      }
    }
    return true;
  }

  /** The profile's name from its 'desc' tag: ASCII in ICC v2 ('desc' type), UTF-16 in v4 ('mluc' type). */
  static String description(ICC_Profile icc) {
    byte[] tag = icc.getData(ICC_Profile.icSigProfileDescriptionTag);
    if (tag == null || tag.length < 12) return "unnamed profile";
    ByteBuffer b = ByteBuffer.wrap(tag);
    String type = new String(tag, 0, 4, StandardCharsets.US_ASCII);
    String text = null;
    if (type.equals("desc")) {
      int count = b.getInt(8);
      if (count > 0 && 12 + count <= tag.length) text = new String(tag, 12, count, StandardCharsets.ISO_8859_1);
    } else if (type.equals("mluc") && tag.length >= 28) {
      int length = b.getInt(20);
      int offset = b.getInt(24);
      if (length > 0 && offset >= 0 && offset + length <= tag.length) {
        text = new String(tag, offset, length, StandardCharsets.UTF_16BE);
      }
    }
    if (text == null) return "unnamed profile";
    text = text.replace("\0", "").strip();
    return text.isEmpty() ? "unnamed profile" : text;
  }
}
