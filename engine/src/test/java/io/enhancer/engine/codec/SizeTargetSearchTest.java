package io.enhancer.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.TestData;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.options.OutputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

/**
 * The search logic on a known size curve (size = 1000 + 10 q^2 bytes) and on irregular synthetic curves, so the
 * right answer is computable; then on the real size curves of photos, where every quality was encoded once so each
 * search can be checked against the exhaustive answer.
 */
class SizeTargetSearchTest {
  private static final int FLOOR = ImageEncoder.LOSSY_QUALITY_FLOOR;
  private static final int CEILING = 92;

  private final List<Integer> tried = new ArrayList<>();
  private final IntFunction<byte[]> quadraticEncoder = q -> {
    tried.add(q);
    return new byte[1000 + 10 * q * q];
  };

  @ParameterizedTest(name = "target {0} bytes -> q{1}")
  @CsvSource({"50000, 70", "10000, 30", "9999, 30", "80000, 88", "82000, 90", "60000, 76"})
  void findsAQualityWithinTwoStepsOfTheHighestThatFits(long target, int expected) {
    SizeTargetSearch.Result r = SizeTargetSearch.search(quadraticEncoder, target, 30, 90);
    int best = 0;
    for (int q = 30; q <= 90; q++) if (1000 + 10 * q * q <= target) best = q;
    if (best == 0) {
      assertThat(r.fitsTarget()).isFalse();
      assertThat(r.quality()).isEqualTo(30);
    } else {
      assertThat(best).isEqualTo(expected);
      assertThat(r.fitsTarget()).isTrue();
      assertThat(r.quality()).isBetween(best - 2, best);
      assertThat(r.bytes().length).isLessThanOrEqualTo((int) target);
    }
    assertThat(r.attempts()).isEqualTo(tried.size()).isLessThanOrEqualTo(SizeTargetSearch.USUAL_ATTEMPTS);
  }

  @Test
  void triesCeilingFirstAndStopsWhenItFits() {
    SizeTargetSearch.Result r = SizeTargetSearch.search(quadraticEncoder, 1_000_000, 30, 90);
    assertThat(r.quality()).isEqualTo(90);
    assertThat(tried).containsExactly(90);
  }

  @Test
  void returnsBestEffortAtFloorWhenNothingFits() {
    SizeTargetSearch.Result r = SizeTargetSearch.search(quadraticEncoder, 500, 30, 90);
    assertThat(r.fitsTarget()).isFalse();
    assertThat(r.quality()).isEqualTo(30);
    assertThat(r.bytes().length).isEqualTo(1000 + 9000);
    assertThat(tried).containsExactly(90, 30);
  }

  @Test
  void rejectsInvertedQualityRange() {
    assertThatThrownBy(() -> SizeTargetSearch.search(quadraticEncoder, 1000, 60, 50))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60..50");
  }

  /**
   * Curves the model fits badly: random per-step growth (0-12 %), a jump of 1.2-2x at a random quality and local
   * dips like WebP's. Whatever the model predicts, a fitting result fits, a non-fitting one is the floor, and no
   * quality is encoded twice.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void neverExceedsTargetNorEncodesAQualityTwiceOnIrregularCurves(long seed) {
    Random random = new Random(seed);
    int[] size = new int[101];
    double s = 2000 + random.nextInt(20000);
    int jumpAt = 40 + random.nextInt(55);
    for (int q = 1; q <= 100; q++) {
      s *= 1 + random.nextDouble() * 0.12;
      if (q == jumpAt) s *= 1.2 + random.nextDouble() * 0.8;
      size[q] = (int) (random.nextInt(6) == 0 ? s * 0.97 : s); // a dip below the previous step now and then
    }
    for (SizeCurve curve : List.of(SizeCurve.jpeg(90), SizeCurve.webp(), SizeCurve.generic())) {
      for (int t = 0; t < 40; t++) {
        long target = (long) (size[FLOOR] * Math.pow((double) size[CEILING] / size[FLOOR], t / 36.0 - 0.05));
        List<Integer> encoded = new ArrayList<>();
        SizeTargetSearch.Result r = SizeTargetSearch.search(q -> {
          encoded.add(q);
          return new byte[size[q]];
        }, target, FLOOR, CEILING, curve);

        assertThat(encoded).doesNotHaveDuplicates().allMatch(q -> q >= FLOOR && q <= CEILING);
        assertThat(r.attempts()).isEqualTo(encoded.size());
        assertThat(r.bytes().length).isEqualTo(size[r.quality()]);
        if (r.fitsTarget()) {
          assertThat((long) r.bytes().length).isLessThanOrEqualTo(target);
        } else {
          assertThat(r.quality()).isEqualTo(FLOOR);
          assertThat((long) size[FLOOR]).isGreaterThan(target);
        }
      }
    }
  }

  // ---- real photos: every quality encoded once per canvas, then many searches against that table ----

  /** Size of each quality 0..100 (FLOOR..CEILING filled) for a photo canvas, cached across tests. */
  private static final Map<String, int[]> CURVES = new HashMap<>();

  private static int[] sizeCurve(Path photo, OutputFormat format) {
    return CURVES.computeIfAbsent(photo.getFileName() + "/" + format, k -> {
      OpenCvRuntime.ensureLoaded();
      Mat canvas = SampleImages.photoCanvas(photo, 640, 0.85);
      int[] size = new int[101];
      for (int q = FLOOR; q <= CEILING; q++) size[q] = ImageEncoder.encodeLossy(canvas, format, q).length;
      canvas.release();
      return size;
    });
  }

  private static final List<Path> KODAK = TestData.images(TestData.dataset("denoise-Kodak24"));
  private static final List<Path> GROCERY = TestData.images(TestData.dataset("products-GroceryStore").resolve("natural-val"));
  private static final List<Path> JPEG_PHOTOS = List.of(KODAK.get(1), KODAK.get(20), GROCERY.get(GROCERY.size() / 3));

  static Stream<Arguments> photos() {
    return Stream.concat(JPEG_PHOTOS.stream().map(p -> Arguments.of(p, OutputFormat.JPEG)),
        Stream.of(Arguments.of(KODAK.get(1), OutputFormat.WEBP)));
  }

  /** 19 targets spread geometrically between the floor's and the ceiling's size: every one needs a search. */
  private static long[] spreadTargets(int[] size) {
    long[] targets = new long[19];
    for (int t = 1; t <= 19; t++) targets[t - 1] = (long) (size[FLOOR] * Math.pow((double) size[CEILING] / size[FLOOR], t / 20.0));
    return targets;
  }

  private static int exhaustive(int[] size, long target) {
    int best = -1;
    for (int q = FLOOR; q <= CEILING; q++) if (size[q] <= target) best = q;
    return best;
  }

  private static SizeTargetSearch.Result search(int[] size, long target, OutputFormat format) {
    return SizeTargetSearch.search(q -> new byte[size[q]], target, FLOOR, CEILING, ImageEncoder.sizeCurve(format));
  }

  /**
   * Against the exhaustive answer (the highest quality whose encode fits): never over the target, never more than
   * two steps below, at least 90 % of the target used where the curve has a step there, and for JPEG at most four
   * encodes. WebP's flat low-quality curve can need the extra encodes past four (two of these 19 targets do).
   */
  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("photos")
  void staysWithinTwoQualityStepsOfExhaustiveSearchOnRealPhotos(Path photo, OutputFormat format) {
    int[] size = sizeCurve(photo, format);
    int maxAttempts = format == OutputFormat.JPEG ? SizeTargetSearch.USUAL_ATTEMPTS : SizeTargetSearch.MAX_ATTEMPTS;
    for (long target : spreadTargets(size)) {
      int exhaustive = exhaustive(size, target);
      SizeTargetSearch.Result r = search(size, target, format);

      String where = "target " + target + " B, exhaustive q" + exhaustive + ", got q" + r.quality();
      assertThat(r.fitsTarget()).as(where).isTrue();
      assertThat((long) r.bytes().length).as(where).isLessThanOrEqualTo(target);
      assertThat(r.quality()).as(where).isBetween(exhaustive - 2, exhaustive);
      assertThat(r.attempts()).as(where).isLessThanOrEqualTo(maxAttempts);
      if (size[exhaustive] >= 0.9 * target) {
        assertThat((double) r.bytes().length).as(where).isGreaterThanOrEqualTo(0.9 * target);
      }
    }
  }

  @Test
  void needsAtMostThreeJpegEncodesAtTheMedianOnRealPhotos() {
    List<Integer> attempts = new ArrayList<>();
    for (Path photo : JPEG_PHOTOS) {
      int[] size = sizeCurve(photo, OutputFormat.JPEG);
      for (long target : spreadTargets(size)) attempts.add(search(size, target, OutputFormat.JPEG).attempts());
    }
    attempts.sort(null);
    assertThat(attempts.get(attempts.size() / 2)).as("median encodes of " + attempts).isLessThanOrEqualTo(3);
  }

  @Test
  void returnsTheFloorAsBestEffortWhenAPhotoCannotReachTheTarget() {
    int[] size = sizeCurve(KODAK.get(1), OutputFormat.JPEG);
    SizeTargetSearch.Result r = search(size, size[FLOOR] / 2, OutputFormat.JPEG);
    assertThat(r.fitsTarget()).isFalse();
    assertThat(r.quality()).isEqualTo(FLOOR);
    assertThat(r.bytes().length).isEqualTo(size[FLOOR]);
    assertThat(r.attempts()).isEqualTo(2);
  }

  @Test
  void rejectsImpossibleCurveParameters() {
    assertThatThrownBy(() -> new SizeCurve(q -> q, 0, 101, 1)).hasMessageContaining("slope must be positive, got 0");
    assertThatThrownBy(() -> new SizeCurve(q -> q, 0.5, 90, 0.8)).hasMessageContaining("jump must be >= 1, got 0.8");
    assertThatThrownBy(() -> new SizeCurve(q -> q, 0.5, 1, 1)).hasMessageContaining("got 1");
  }
}
