package io.enhancer.engine.codec;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What decoding must do to bring a source into sRGB, decided from its embedded profile before any pixel is read.
 * An RGB or grey profile that is sRGB in all but name is skipped (no conversion cost); any other is applied. A CMYK
 * JPEG is always converted, through its own profile or, without a usable one, the default CMYK profile. A profile
 * that cannot be used on an RGB or grey file is ignored and named in the note, as browsers ignore it and show the
 * file as sRGB: rejecting it would refuse photos that display fine everywhere.
 *
 * @param convertFrom the profile to convert through, or null to keep the decoded samples
 * @param note        what was found and done, for {@link SourceInfo#colourProfile()}
 */
record ColourPlan(ICC_Profile convertFrom, String note) {
  static final String DEFAULT_CMYK_NAME = "CGATS TR 001 (SWOP coated)";

  boolean converts() {
    return convertFrom != null;
  }

  /**
   * @param storedColourSpace the samples as stored: "srgb" (any RGB), "gray", "cmyk" or "ycck"; null = RGB
   */
  static ColourPlan forSource(EmbeddedProfile embedded, String storedColourSpace) {
    boolean cmyk = "cmyk".equals(storedColourSpace) || "ycck".equals(storedColourSpace);
    boolean grey = "gray".equals(storedColourSpace);
    if (embedded.problem() != null) return unusable(embedded.problem(), cmyk);
    if (embedded.declaresSrgb()) return new ColourPlan(null, "sRGB");
    if (embedded.icc() == null) {
      return cmyk ? new ColourPlan(DefaultCmyk.PROFILE, "none embedded: " + DEFAULT_CMYK_NAME + " assumed, to sRGB")
          : new ColourPlan(null, "none");
    }
    ColourProfile profile;
    try {
      profile = ColourProfile.of(embedded.icc());
    } catch (IllegalArgumentException e) {
      return unusable(e.getMessage(), cmyk);
    }
    int expected = cmyk ? ColorSpace.TYPE_CMYK : grey ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_RGB;
    if (profile.colourSpaceType() != expected) {
      return unusable("'" + profile.description() + "' is a " + typeName(profile.colourSpaceType())
          + " profile on " + typeName(expected) + " samples", cmyk);
    }
    if (profile.matchesSrgb()) return new ColourPlan(null, profile.description() + " (sRGB, kept)");
    return new ColourPlan(profile.icc(), profile.description() + " to sRGB");
  }

  private static ColourPlan unusable(String problem, boolean cmyk) {
    return cmyk ? new ColourPlan(DefaultCmyk.PROFILE, "embedded profile unusable (" + problem + "): "
        + DEFAULT_CMYK_NAME + " assumed, to sRGB")
        : new ColourPlan(null, "ignored: " + problem);
  }

  private static String typeName(int type) {
    return switch (type) {
      case ColorSpace.TYPE_RGB -> "RGB";
      case ColorSpace.TYPE_GRAY -> "grey";
      case ColorSpace.TYPE_CMYK -> "CMYK";
      default -> "type-" + type;
    };
  }

  /** Loaded on first use: most runs never see a CMYK file. See the .txt beside the resource for its origin. */
  private static final class DefaultCmyk {
    static final ICC_Profile PROFILE = load("CGATS001Compat-v2-micro.icc");

    private static ICC_Profile load(String name) {
      try (InputStream in = ColourPlan.class.getResourceAsStream(name)) {
        if (in == null) throw new IllegalStateException("default CMYK profile " + name + " is missing from the jar");
        return ICC_Profile.getInstance(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
