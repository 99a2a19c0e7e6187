package io.enhancer.engine.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a small ICC v2 matrix/TRC display profile from published primaries. Our output files carry the sRGB one
 * ({@link #SRGB}, 1,000 bytes): the JDK's copy is 6.9 KB because it stores three identical 1024-entry curves, which is 7 %
 * of a 100 KB size target. One 256-entry curve is shared by the three channels; its nodes sit exactly on the 8-bit
 * codes, so a viewer interpolates nothing for 8-bit pixels.
 */
final class MatrixShaperProfile {
  /** ICC PCS illuminant D50, as the header and every colorant tag are expressed in it. */
  private static final double[] D50 = {0.9642, 1.0, 0.8249};
  private static final double[][] BRADFORD = {
      {0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
  private static final int HEADER = 128;
  private static final int TRC_NODES = 256;

  /** CIE xy chromaticities of the red, green and blue primaries and of the white point. */
  record Chromaticities(double rx, double ry, double gx, double gy, double bx, double by, double wx, double wy) {
    static final Chromaticities SRGB = new Chromaticities(0.64, 0.33, 0.30, 0.60, 0.15, 0.06, 0.3127, 0.3290);
    static final Chromaticities DISPLAY_P3 = new Chromaticities(0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290);
  }

  static final byte[] SRGB = build("sRGB IEC61966-2.1 (compact)", Chromaticities.SRGB);

  private MatrixShaperProfile() {}

  /** A profile with these primaries and the sRGB tone curve (which Display P3 shares). */
  static byte[] build(String description, Chromaticities c) {
    double[][] colorants = adaptedToD50(rgbToXyz(c), xyz(c.wx(), c.wy()));
    ByteArrayOutputStream tags = new ByteArrayOutputStream();
    String[] signatures = {"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"};
    byte[][] data = {textDescription(description), text("No copyright, use freely"), xyzTag(D50),
        xyzTag(column(colorants, 0)), xyzTag(column(colorants, 1)), xyzTag(column(colorants, 2)), srgbCurve()};
    int tableSize = 4 + 12 * signatures.length;
    int[] offsets = new int[data.length];
    int offset = HEADER + tableSize;
    for (int i = 0; i < data.length; i++) {
      offsets[i] = offset;
      tags.writeBytes(data[i]);
      int padding = (4 - data[i].length % 4) % 4; // tag data starts on 4-byte boundaries
      tags.writeBytes(new byte[padding]);
      offset += data[i].length + padding;
    }
    ByteBuffer profile = ByteBuffer.allocate(offset);
    header(profile, offset);
    profile.putInt(signatures.length);
    for (int i = 0; i < signatures.length; i++) {
      int d = Math.min(i, data.length - 1); // the three TRC tags point at one shared curve
      profile.put(ascii(signatures[i])).putInt(offsets[d]).putInt(data[d].length);
    }
    profile.put(tags.toByteArray());
    return profile.array();
  }

  private static void header(ByteBuffer b, int size) {
    b.putInt(size).putInt(0).putInt(0x02100000).put(ascii("mntr")).put(ascii("RGB ")).put(ascii("XYZ "));
    b.putShort((short) 2024).putShort((short) 1).putShort((short) 1).putShort((short) 0).putShort((short) 0)
        .putShort((short) 0); // a fixed date keeps the bytes reproducible
    b.put(ascii("acsp")).putInt(0).putInt(0).putInt(0).putInt(0).putLong(0).putInt(0); // platform..intent (perceptual)
    for (double v : D50) b.putInt(s15Fixed16(v));
    b.position(HEADER);
  }

  private static double[][] rgbToXyz(Chromaticities c) {
    double[] r = xyz(c.rx(), c.ry()), g = xyz(c.gx(), c.gy()), bl = xyz(c.bx(), c.by()), w = xyz(c.wx(), c.wy());
    double[][] primaries = {{r[0], g[0], bl[0]}, {r[1], g[1], bl[1]}, {r[2], g[2], bl[2]}};
    double[] s = multiply(invert(primaries), w); // scale each primary so that R=G=B=1 is the white point
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = primaries[i][j] * s[j];
    return m;
  }

  private static double[][] adaptedToD50(double[][] rgbToXyz, double[] white) {
    double[] source = multiply(BRADFORD, white);
    double[] target = multiply(BRADFORD, D50);
    double[][] scale = {{target[0] / source[0], 0, 0}, {0, target[1] / source[1], 0}, {0, 0, target[2] / source[2]}};
    return multiply(multiply(invert(BRADFORD), multiply(scale, BRADFORD)), rgbToXyz);
  }

  private static byte[] srgbCurve() {
    ByteBuffer b = ByteBuffer.allocate(12 + 2 * TRC_NODES);
    b.put(ascii("curv")).putInt(0).putInt(TRC_NODES);
    for (int i = 0; i < TRC_NODES; i++) {
      double v = i / (TRC_NODES - 1.0);
      double linear = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      b.putShort((short) Math.round(linear * 65535));
    }
    return b.array();
  }

  private static byte[] textDescription(String text) {
    byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(12 + ascii.length + 8 + 3 + 67);
    b.put(ascii("desc")).putInt(0).putInt(ascii.length).put(ascii); // then empty Unicode and ScriptCode parts
    return b.array();
  }

  private static byte[] text(String text) {
    byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(8 + ascii.length).put(ascii("text")).putInt(0).put(ascii).array();
  }

  private static byte[] xyzTag(double[] xyz) {
    ByteBuffer b = ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0);
    for (double v : xyz) b.putInt(s15Fixed16(v));
    return b.array();
  }

  private static int s15Fixed16(double v) {
    return (int) Math.round(v * 65536);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static double[] xyz(double x, double y) {
    return new double[] {x / y, 1, (1 - x - y) / y};
  }

  private static double[] column(double[][] m, int j) {
    return new double[] {m[0][j], m[1][j], m[2][j]};
  }

  private static double[] multiply(double[][] m, double[] v) {
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) out[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
    return out;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] out = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
      out[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
    }
    return out;
  }

  private static double[][] invert(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double[][] inv = new double[3][3];
    inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
    inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
    inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
    inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
    inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
    inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
    inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
    inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
    inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
    return inv;
  }
}
