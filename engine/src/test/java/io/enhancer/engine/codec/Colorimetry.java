package io.enhancer.engine.codec;

/**
 * Reference colorimetry written from the published specifications (IEC 61966-2-1 sRGB, Adobe RGB (1998), Display P3,
 * CIE Lab, CIEDE2000), independent of the colour engine under test: expected colours are computed here, never read
 * back from LittleCMS. Lab values are relative to D50, the ICC connection space; D65 sources are adapted by Bradford.
 */
final class Colorimetry {
  private static final double[] D50 = {0.9642, 1.0, 0.8249};
  private static final double[] D65 = {0.95047, 1.0, 1.08883};
  private static final double[][] SRGB_TO_XYZ = {
      {0.4124564, 0.3575761, 0.1804375}, {0.2126729, 0.7151522, 0.0721750}, {0.0193339, 0.1191920, 0.9503041}};
  private static final double[][] ADOBE_RGB_TO_XYZ = {
      {0.5766690, 0.1855582, 0.1882286}, {0.2973450, 0.6273636, 0.0752915}, {0.0270314, 0.0706889, 0.9913375}};
  private static final double[][] DISPLAY_P3_TO_XYZ = {
      {0.4865709, 0.2656677, 0.1982173}, {0.2289746, 0.6917385, 0.0792869}, {0.0000000, 0.0451134, 1.0439444}};
  private static final double ADOBE_GAMMA = 563.0 / 256; // the u8Fixed8 gamma of Adobe RGB (1998) profiles
  private static final double[][] BRADFORD = {
      {0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};

  private Colorimetry() {}

  static double[] labOfSrgb(double r, double g, double b) {
    return labD50FromD65(multiply(SRGB_TO_XYZ, new double[] {srgbDecode(r), srgbDecode(g), srgbDecode(b)}));
  }

  static double[] labOfAdobeRgb(double r, double g, double b) {
    return labD50FromD65(multiply(ADOBE_RGB_TO_XYZ,
        new double[] {Math.pow(r / 255, ADOBE_GAMMA), Math.pow(g / 255, ADOBE_GAMMA), Math.pow(b / 255, ADOBE_GAMMA)}));
  }

  static double[] labOfDisplayP3(double r, double g, double b) {
    return labD50FromD65(multiply(DISPLAY_P3_TO_XYZ, new double[] {srgbDecode(r), srgbDecode(g), srgbDecode(b)}));
  }

  /** The Adobe RGB (1998) code values of an sRGB colour (inside both gamuts). */
  static int[] adobeRgbOfSrgb(int r, int g, int b) {
    double[] linear = multiply(invert(ADOBE_RGB_TO_XYZ),
        multiply(SRGB_TO_XYZ, new double[] {srgbDecode(r), srgbDecode(g), srgbDecode(b)}));
    int[] out = new int[3];
    for (int c = 0; c < 3; c++) out[c] = (int) Math.round(255 * Math.pow(clamp01(linear[c]), 1 / ADOBE_GAMMA));
    return out;
  }

  /** The Display P3 code values of an sRGB colour. */
  static int[] displayP3OfSrgb(int r, int g, int b) {
    double[] linear = multiply(invert(DISPLAY_P3_TO_XYZ),
        multiply(SRGB_TO_XYZ, new double[] {srgbDecode(r), srgbDecode(g), srgbDecode(b)}));
    int[] out = new int[3];
    for (int c = 0; c < 3; c++) out[c] = (int) Math.round(255 * srgbEncode(clamp01(linear[c])));
    return out;
  }

  /** Lab (D50) to sRGB code values, clipped to the gamut. */
  static int[] srgbOfLab(double[] lab) {
    double fy = (lab[0] + 16) / 116, fx = fy + lab[1] / 500, fz = fy - lab[2] / 200;
    double[] xyzD50 = {D50[0] * finv(fx), D50[1] * finv(fy), D50[2] * finv(fz)};
    double[] linear = multiply(invert(SRGB_TO_XYZ), adapt(xyzD50, D50, D65));
    int[] out = new int[3];
    for (int c = 0; c < 3; c++) out[c] = (int) Math.round(255 * srgbEncode(clamp01(linear[c])));
    return out;
  }

  /** CIEDE2000 colour difference (Sharma, Wu, Dalal 2005), kL = kC = kH = 1. */
  static double deltaE2000(double[] lab1, double[] lab2) {
    double c1 = Math.hypot(lab1[1], lab1[2]), c2 = Math.hypot(lab2[1], lab2[2]);
    double cMean = (c1 + c2) / 2;
    double g = 0.5 * (1 - Math.sqrt(Math.pow(cMean, 7) / (Math.pow(cMean, 7) + Math.pow(25, 7))));
    double a1 = (1 + g) * lab1[1], a2 = (1 + g) * lab2[1];
    double cp1 = Math.hypot(a1, lab1[2]), cp2 = Math.hypot(a2, lab2[2]);
    double hp1 = hueDegrees(lab1[2], a1), hp2 = hueDegrees(lab2[2], a2);
    double dL = lab2[0] - lab1[0];
    double dC = cp2 - cp1;
    double dh = cp1 * cp2 == 0 ? 0 : Math.abs(hp2 - hp1) <= 180 ? hp2 - hp1 : hp2 - hp1 > 180 ? hp2 - hp1 - 360 : hp2 - hp1 + 360;
    double dH = 2 * Math.sqrt(cp1 * cp2) * Math.sin(Math.toRadians(dh / 2));
    double lMean = (lab1[0] + lab2[0]) / 2;
    double cpMean = (cp1 + cp2) / 2;
    double hpMean = cp1 * cp2 == 0 ? hp1 + hp2
        : Math.abs(hp1 - hp2) <= 180 ? (hp1 + hp2) / 2 : hp1 + hp2 < 360 ? (hp1 + hp2 + 360) / 2 : (hp1 + hp2 - 360) / 2;
    double t = 1 - 0.17 * Math.cos(Math.toRadians(hpMean - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hpMean))
        + 0.32 * Math.cos(Math.toRadians(3 * hpMean + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hpMean - 63));
    double dTheta = 30 * Math.exp(-Math.pow((hpMean - 275) / 25, 2));
    double rc = 2 * Math.sqrt(Math.pow(cpMean, 7) / (Math.pow(cpMean, 7) + Math.pow(25, 7)));
    double sl = 1 + 0.015 * Math.pow(lMean - 50, 2) / Math.sqrt(20 + Math.pow(lMean - 50, 2));
    double sc = 1 + 0.045 * cpMean;
    double sh = 1 + 0.015 * cpMean * t;
    double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
    return Math.sqrt(Math.pow(dL / sl, 2) + Math.pow(dC / sc, 2) + Math.pow(dH / sh, 2) + rt * (dC / sc) * (dH / sh));
  }

  private static double hueDegrees(double b, double a) {
    if (a == 0 && b == 0) return 0;
    double h = Math.toDegrees(Math.atan2(b, a));
    return h < 0 ? h + 360 : h;
  }

  private static double[] labD50FromD65(double[] xyzD65) {
    double[] xyz = adapt(xyzD65, D65, D50);
    double fx = f(xyz[0] / D50[0]), fy = f(xyz[1] / D50[1]), fz = f(xyz[2] / D50[2]);
    return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
  }

  private static double[] adapt(double[] xyz, double[] from, double[] to) {
    double[] s = multiply(BRADFORD, from), d = multiply(BRADFORD, to), cone = multiply(BRADFORD, xyz);
    return multiply(invert(BRADFORD), new double[] {cone[0] * d[0] / s[0], cone[1] * d[1] / s[1], cone[2] * d[2] / s[2]});
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }

  private static double finv(double f) {
    return f * f * f > 216.0 / 24389 ? f * f * f : (116 * f - 16) / (24389.0 / 27);
  }

  private static double srgbDecode(double v) {
    double c = v / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  private static double srgbEncode(double linear) {
    return linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double[] multiply(double[][] m, double[] v) {
    return new double[] {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2], m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
  }

  private static double[][] invert(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    return new double[][] {
        {(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det,
            (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det},
        {(m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det,
            (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det},
        {(m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det,
            (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det}};
  }
}
