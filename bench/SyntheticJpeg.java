import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** java bench/SyntheticJpeg.java OUT WIDTH HEIGHT QUALITY: a product-like photo (shaded box on a light backdrop). */
public class SyntheticJpeg {
  public static void main(String[] a) throws Exception {
    int w = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(240, 240, 234), w, h, new Color(200, 202, 208)));
    g.fillRect(0, 0, w, h);
    g.setPaint(new GradientPaint(w / 4f, 0, new Color(42, 94, 160), w * 3 / 4f, 0, new Color(20, 50, 110)));
    g.fillRoundRect(w / 4, h / 5, w / 2, h * 3 / 5, w / 30, w / 30);
    g.setColor(Color.WHITE);
    g.fillRect(w / 3, h * 2 / 5, w / 3, h / 10);
    g.dispose();
    Random r = new Random(7);
    for (int i = 0; i < w * h / 300; i++) img.setRGB(r.nextInt(w), r.nextInt(h), 0x707070 + r.nextInt(0x303030));
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam p = writer.getDefaultWriteParam();
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(Float.parseFloat(a[3]));
    File out = new File(a[0]);
    out.delete();
    try (ImageOutputStream s = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(s);
      writer.write(null, new IIOImage(img, null, null), p);
    }
    System.err.println(out + ": " + w + "x" + h + ", " + out.length() + " bytes");
  }
}
