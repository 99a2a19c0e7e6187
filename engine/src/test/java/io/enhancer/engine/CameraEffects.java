package io.enhancer.engine;

import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** What a camera and an upload do to a generated scene: sensor noise and JPEG compression, the same for every test. */
public final class CameraEffects {
  private CameraEffects() {}

  /** Adds Gaussian noise of {@code sigma} levels to every channel of the 8-bit BGR {@code photo}, in place. */
  public static void addNoise(Mat photo, double sigma, Random random) {
    short[] values = new short[(int) (photo.total() * 3)];
    for (int i = 0; i < values.length; i++) values[i] = (short) Math.round(random.nextGaussian() * sigma);
    Mat noise = new Mat(photo.size(), CvType.CV_16SC3);
    noise.put(0, 0, values);
    Mat wide = new Mat();
    photo.convertTo(wide, CvType.CV_16SC3);
    Core.add(wide, noise, wide);
    wide.convertTo(photo, CvType.CV_8UC3);
    wide.release();
    noise.release();
  }

  /** The photo after a JPEG round trip at {@code quality}. */
  public static Mat jpeg(Mat photo, int quality) {
    MatOfByte encoded = new MatOfByte();
    Imgcodecs.imencode(".jpg", photo, encoded, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
    return Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
  }
}
