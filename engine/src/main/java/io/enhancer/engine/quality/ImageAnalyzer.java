package io.enhancer.engine.quality;

import io.enhancer.engine.pipeline.Frame;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

/** Measures a frame. TODO(issue 2): all metrics. */
public final class ImageAnalyzer {

  public ImageMetrics analyse(Frame frame) {
    Mat gray = new Mat();
    Imgproc.cvtColor(frame.bgr(), gray, Imgproc.COLOR_BGR2GRAY);
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble std = new MatOfDouble();
    Core.meanStdDev(gray, mean, std);
    return new ImageMetrics(frame.width(), frame.height(), mean.get(0, 0)[0], 0, 0, std.get(0, 0)[0], 0, 0, 0, 0, 0, 1,
        null, 1);
  }
}
