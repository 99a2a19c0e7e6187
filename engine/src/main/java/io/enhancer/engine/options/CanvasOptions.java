package io.enhancer.engine.options;

import io.enhancer.engine.errors.InvalidOptionsException;

/** The standard output canvas: exact pixel size; the product is fitted to {@code fill} of it and centred. */
public record CanvasOptions(int width, int height) {

  public static final CanvasOptions SQUARE_1500 = new CanvasOptions(1500, 1500);

  public CanvasOptions {
    OptionCatalogue.CANVAS.check("canvas width", width);
    OptionCatalogue.CANVAS.check("canvas height", height);
  }

  /** Parses {@code 1500x1500}. */
  public static CanvasOptions parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase();
    String[] parts = v.split("x");
    if (parts.length != 2) throw new InvalidOptionsException("canvas must look like 1500x1500, got '" + value + "'");
    try {
      return new CanvasOptions(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new InvalidOptionsException("canvas must look like 1500x1500, got '" + value + "'");
    }
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
