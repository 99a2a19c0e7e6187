package io.enhancer.engine.codec;

import io.enhancer.engine.TestData;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Prints what colour management costs a decode (not a test: no assertions): a 2 MP JPEG untagged, tagged sRGB (the
 * JDK's profile and ours: both skipped after a cached trial conversion), tagged Adobe RGB (converted), and CMYK.
 * Run like {@link CodecBenchmark}.
 */
public final class ColourDecodeBenchmark {

  public static void main(String[] args) {
    OpenCvRuntime.ensureLoaded();
    Mat photo = Imgcodecs.imread(TestData.images(TestData.dataset("denoise-Kodak24")).get(0).toString());
    Mat twoMp = new Mat();
    Imgproc.resize(photo, twoMp, new Size(1732, 1155), 0, 0, Imgproc.INTER_CUBIC);
    byte[] untagged = SampleImages.encode(twoMp, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
    byte[] jdkSrgb = ColourSamples.withIccSegments(untagged, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(), 1);
    byte[] compactSrgb = ColourSamples.withIccSegments(untagged, MatrixShaperProfile.SRGB, 1);
    byte[] adobe = ColourSamples.withIccSegments(untagged, ColourSamples.clayRgb1998(), 1);
    byte[] cmyk = ColourSamples.adobeJpeg(1732, 1155, x -> new int[] {x % 256, (x * 3) % 256, (x * 7) % 256, x % 64}, false);
    ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    System.out.printf(Locale.ROOT, "## Decode 2 MP JPEG (1732x1155), median thread-CPU ms%n");
    System.out.println("| source | ms | colour profile |\n|---|---|---|");
    row(decoder, "untagged sRGB", untagged);
    row(decoder, "JDK sRGB profile (6.9 KB) embedded", jdkSrgb);
    row(decoder, "compact sRGB profile (1 KB) embedded", compactSrgb);
    row(decoder, "Adobe RGB (ClayRGB1998) embedded", adobe);
    row(decoder, "CMYK (Adobe), no profile", cmyk);
    row(decoder, "untagged sRGB, again", untagged);
  }

  private static void row(ImageDecoder decoder, String name, byte[] jpeg) {
    String[] note = new String[1];
    double ms = CodecBenchmark.medianMs(() -> {
      DecodedImage d = decoder.decode(jpeg);
      note[0] = d.info().colourProfile();
      d.frame().releaseExcept();
      return d;
    });
    System.out.printf(Locale.ROOT, "| %s | %.1f | %s |%n", name, ms, note[0]);
  }
}
