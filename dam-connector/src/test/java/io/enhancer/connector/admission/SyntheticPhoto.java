package io.enhancer.connector.admission;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** A large but small-file product-like JPEG (a shaded box on a light backdrop), made in the test: nothing downloaded. */
public final class SyntheticPhoto {
  private SyntheticPhoto() {}

  public static byte[] jpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(235, 235, 230), width, height, new Color(210, 212, 215)));
    g.fillRect(0, 0, width, height);
    g.setPaint(new GradientPaint(width / 4f, 0, new Color(30, 90, 160), width * 3 / 4f, 0, new Color(20, 50, 110)));
    g.fillRoundRect(width / 4, height / 5, width / 2, height * 3 / 5, width / 20, width / 20);
    g.setColor(Color.WHITE);
    g.fillRect(width / 3, height * 2 / 5, width / 3, height / 10);
    Random noise = new Random(17);
    for (int i = 0; i < width * height / 400; i++) {
      image.setRGB(noise.nextInt(width), noise.nextInt(height), 0x808080 + noise.nextInt(0x202020));
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }
}
