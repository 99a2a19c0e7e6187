package io.enhancer.engine.matting;

import java.util.ArrayList;
import java.util.List;

/**
 * The background's colours as seen in a band along the image border: a few colour clusters (CIELAB, OpenCV 8-bit
 * scale) of which those spread over several sides, or dominating the band, count as background. A product that
 * touches one or two sides leaves its colour there, but rarely dominates the band or spreads over three sides, so
 * its border pixels are not mistaken for background.
 */
public final class BorderColourModel {
  private static final int CLUSTERS = 4;
  private static final int ITERATIONS = 8;
  private static final double MIN_MATCH_RADIUS = 12;
  private static final double MAX_MATCH_RADIUS = 40;

  /** One colour cluster of the border band. */
  public record Cluster(double l, double a, double b, double weight, double rms, int sides, boolean background,
                        double matchRadius) {
    double distance(double pl, double pa, double pb) {
      double dl = pl - l, da = pa - a, db = pb - b;
      return Math.sqrt(dl * dl + da * da + db * db);
    }
  }

  private final List<Cluster> clusters;
  private final int band;

  private BorderColourModel(List<Cluster> clusters, int band) {
    this.clusters = List.copyOf(clusters);
    this.band = band;
  }

  /** Width in pixels of the border band used for an image of this size. */
  public static int bandWidth(int width, int height) {
    return Math.max(3, (int) Math.round(0.03 * Math.min(width, height)));
  }

  /** Fits the model to the border band of an interleaved 3-channel Lab image. */
  public static BorderColourModel fit(byte[] lab, int width, int height) {
    int band = bandWidth(width, height);
    List<int[]> pixels = new ArrayList<>();
    List<Integer> sides = new ArrayList<>();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int side = side(x, y, width, height, band);
        if (side < 0) continue;
        int i = 3 * (y * width + x);
        pixels.add(new int[] {lab[i] & 0xFF, lab[i + 1] & 0xFF, lab[i + 2] & 0xFF});
        sides.add(side);
      }
    }
    return new BorderColourModel(cluster(pixels, sides), band);
  }

  /** 0 top, 1 bottom, 2 left, 3 right, -1 inside; corners count for top/bottom. */
  static int side(int x, int y, int width, int height, int band) {
    if (y < band) return 0;
    if (y >= height - band) return 1;
    if (x < band) return 2;
    if (x >= width - band) return 3;
    return -1;
  }

  public int band() {
    return band;
  }

  public List<Cluster> clusters() {
    return clusters;
  }

  /** Whether a Lab colour lies within the match radius of a background cluster. */
  public boolean isBackground(double l, double a, double b) {
    for (Cluster c : clusters) {
      if (c.background && c.distance(l, a, b) <= c.matchRadius) return true;
    }
    return false;
  }

  /** Distance to the nearest background cluster, in match radii (1 = on the edge of the match). */
  public double relativeDistance(double l, double a, double b) {
    double best = Double.MAX_VALUE;
    for (Cluster c : clusters) {
      if (c.background) best = Math.min(best, c.distance(l, a, b) / c.matchRadius);
    }
    return best;
  }

  /** Euclidean Lab distance to the nearest background cluster centre. */
  public double distance(double l, double a, double b) {
    double best = Double.MAX_VALUE;
    for (Cluster c : clusters) {
      if (c.background) best = Math.min(best, c.distance(l, a, b));
    }
    return best;
  }

  /** Share of the border band held by the largest background cluster. */
  public double dominantWeight() {
    return clusters.stream().filter(Cluster::background).mapToDouble(Cluster::weight).max().orElse(0);
  }

  /** A flat studio-like background: one tight colour fills most of the border. */
  public boolean plain() {
    return clusters.stream().anyMatch(c -> c.background && c.weight >= 0.7 && c.rms <= 8);
  }

  private static List<Cluster> cluster(List<int[]> px, List<Integer> sides) {
    int n = px.size();
    double[][] centres = initialCentres(px);
    int k = centres.length;
    int[] label = new int[n];
    for (int it = 0; it < ITERATIONS; it++) {
      double[][] sum = new double[k][3];
      int[] count = new int[k];
      for (int i = 0; i < n; i++) {
        label[i] = nearest(centres, px.get(i));
        int[] p = px.get(i);
        sum[label[i]][0] += p[0];
        sum[label[i]][1] += p[1];
        sum[label[i]][2] += p[2];
        count[label[i]]++;
      }
      for (int c = 0; c < k; c++) {
        if (count[c] > 0) centres[c] = new double[] {sum[c][0] / count[c], sum[c][1] / count[c], sum[c][2] / count[c]};
      }
    }
    int[] count = new int[k];
    double[] sq = new double[k];
    int[][] sideCount = new int[k][4];
    int[] sideTotal = new int[4];
    for (int i = 0; i < n; i++) {
      int c = label[i];
      int[] p = px.get(i);
      double dl = p[0] - centres[c][0], da = p[1] - centres[c][1], db = p[2] - centres[c][2];
      sq[c] += dl * dl + da * da + db * db;
      count[c]++;
      sideCount[c][sides.get(i)]++;
      sideTotal[sides.get(i)]++;
    }
    List<Cluster> result = new ArrayList<>();
    int largest = 0;
    for (int c = 0; c < k; c++) if (count[c] > count[largest]) largest = c;
    for (int c = 0; c < k; c++) {
      if (count[c] == 0) continue;
      double weight = count[c] / (double) n;
      double rms = Math.sqrt(sq[c] / count[c]);
      int present = 0;
      for (int s = 0; s < 4; s++) if (sideTotal[s] > 0 && sideCount[c][s] >= 0.05 * sideTotal[s]) present++;
      boolean background = c == largest || weight >= 0.35 || present >= 3 || (present >= 2 && weight >= 0.2);
      double radius = Math.min(MAX_MATCH_RADIUS, Math.max(MIN_MATCH_RADIUS, 2.5 * rms));
      result.add(new Cluster(centres[c][0], centres[c][1], centres[c][2], weight, rms, present, background, radius));
    }
    return result;
  }

  /** Deterministic farthest-point start: the band mean, then the pixels farthest from the centres so far. */
  private static double[][] initialCentres(List<int[]> px) {
    double[] mean = new double[3];
    for (int[] p : px) for (int ch = 0; ch < 3; ch++) mean[ch] += p[ch];
    for (int ch = 0; ch < 3; ch++) mean[ch] /= px.size();
    List<double[]> centres = new ArrayList<>();
    centres.add(mean);
    while (centres.size() < CLUSTERS) {
      double best = -1;
      int[] far = null;
      for (int i = 0; i < px.size(); i += 3) {
        int[] p = px.get(i);
        double d = Double.MAX_VALUE;
        for (double[] c : centres) d = Math.min(d, sq(p, c));
        if (d > best) {
          best = d;
          far = p;
        }
      }
      if (far == null || best < 4) break;
      centres.add(new double[] {far[0], far[1], far[2]});
    }
    return centres.toArray(new double[0][]);
  }

  private static int nearest(double[][] centres, int[] p) {
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int c = 0; c < centres.length; c++) {
      double d = sq(p, centres[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  private static double sq(int[] p, double[] c) {
    double dl = p[0] - c[0], da = p[1] - c[1], db = p[2] - c[2];
    return dl * dl + da * da + db * db;
  }
}
