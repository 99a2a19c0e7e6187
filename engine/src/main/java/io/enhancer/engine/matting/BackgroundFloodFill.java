package io.enhancer.engine.matting;

import java.util.ArrayDeque;

/**
 * Grows the background from seed pixels through small colour steps (so it follows gradients and vignettes) but
 * never past a real edge or too far from the border's background colours. The result is strong evidence of
 * background for GrabCut, and keeps near-white products on white apart where their edge has any contrast.
 */
public final class BackgroundFloodFill {
  /** Half the span over which edge strength is measured: soft, antialiased edges spread over a few pixels. */
  private static final int EDGE_SPAN = 2;

  private final double maxStep;
  private final double maxEdge;
  private final double maxDrift;

  /**
   * @param maxStep  largest Lab channel difference between neighbours that still counts as the same surface
   * @param maxEdge  largest Lab channel difference across {@value #EDGE_SPAN} pixels either side; stops the fill at
   *                 low-contrast edges whose per-pixel steps are small (near-white products on white)
   * @param maxDrift largest distance (in match radii of the border model) a filled pixel may have from the background
   */
  public BackgroundFloodFill(double maxStep, double maxEdge, double maxDrift) {
    this.maxStep = maxStep;
    this.maxEdge = maxEdge;
    this.maxDrift = maxDrift;
  }

  /** Returns a mask (1 = background reached) grown from {@code seeds} over the interleaved Lab pixels. */
  public byte[] fill(byte[] lab, int width, int height, byte[] seeds, BorderColourModel model) {
    byte[] filled = new byte[width * height];
    boolean[] edge = edges(lab, width, height);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int i = 0; i < seeds.length; i++) {
      if (seeds[i] != 0) {
        filled[i] = 1;
        queue.add(i);
      }
    }
    int[] dx = {1, -1, 0, 0};
    int[] dy = {0, 0, 1, -1};
    while (!queue.isEmpty()) {
      int p = queue.poll();
      int px = p % width, py = p / width;
      for (int d = 0; d < 4; d++) {
        int nx = px + dx[d], ny = py + dy[d];
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        int q = ny * width + nx;
        if (filled[q] != 0 || edge[q] || !sameSurface(lab, p, q)) continue;
        int o = 3 * q;
        if (model.relativeDistance(lab[o] & 0xFF, lab[o + 1] & 0xFF, lab[o + 2] & 0xFF) > maxDrift) continue;
        filled[q] = 1;
        queue.add(q);
      }
    }
    return filled;
  }

  private boolean[] edges(byte[] lab, int width, int height) {
    boolean[] edge = new boolean[width * height];
    for (int y = 0; y < height; y++) {
      int y0 = Math.max(0, y - EDGE_SPAN), y1 = Math.min(height - 1, y + EDGE_SPAN);
      for (int x = 0; x < width; x++) {
        int x0 = Math.max(0, x - EDGE_SPAN), x1 = Math.min(width - 1, x + EDGE_SPAN);
        int l = 3 * (y * width + x0), r = 3 * (y * width + x1), t = 3 * (y0 * width + x), b = 3 * (y1 * width + x);
        for (int ch = 0; ch < 3 && !edge[y * width + x]; ch++) {
          edge[y * width + x] = Math.abs((lab[l + ch] & 0xFF) - (lab[r + ch] & 0xFF)) > maxEdge
              || Math.abs((lab[t + ch] & 0xFF) - (lab[b + ch] & 0xFF)) > maxEdge;
        }
      }
    }
    return edge;
  }

  private boolean sameSurface(byte[] lab, int p, int q) {
    int a = 3 * p, b = 3 * q;
    for (int ch = 0; ch < 3; ch++) {
      if (Math.abs((lab[a + ch] & 0xFF) - (lab[b + ch] & 0xFF)) > maxStep) return false;
    }
    return true;
  }
}
