package io.enhancer.engine.quality;

/** Axis-aligned box in pixels. */
public record BoundingBox(int x, int y, int width, int height) {
  public int area() {
    return width * height;
  }
}
