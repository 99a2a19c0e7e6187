package io.enhancer.engine.codec;

/**
 * The colour profile a file carries, as its header parser found it: ICC bytes, a plain sRGB declaration (PNG's sRGB
 * chunk), nothing, or the reason the profile it carries cannot be read.
 *
 * @param icc          the profile's bytes, or null
 * @param declaresSrgb true when the file states sRGB without an ICC profile
 * @param problem      why an embedded profile is unreadable (e.g. missing chunks), or null
 */
record EmbeddedProfile(byte[] icc, boolean declaresSrgb, String problem) {
  static final EmbeddedProfile NONE = new EmbeddedProfile(null, false, null);
  static final EmbeddedProfile SRGB_DECLARED = new EmbeddedProfile(null, true, null);
  /** Far above any real RGB or grey profile (0.5-60 KB); CMYK ones reach 3 MB. Bounds what an iCCP chunk may inflate to. */
  static final int MAX_BYTES = 4 << 20;

  static EmbeddedProfile icc(byte[] data) {
    return new EmbeddedProfile(data, false, null);
  }

  static EmbeddedProfile unreadable(String problem) {
    return new EmbeddedProfile(null, false, problem);
  }
}
