package io.enhancer.engine.models.superres;

import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.SuperResolver;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The classical resolver: OpenCV's 8x8 Lanczos kernel. Always available, no model files; the fallback. */
public final class LanczosResolver implements SuperResolver {
  /** Also the super-resolution setting that asks for no model. */
  public static final String NAME = "lanczos";


  public LanczosResolver() {
    OpenCvRuntime.ensureLoaded();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Mat upscale(Mat bgr, double factor) {
    return resize(bgr, ScalePlan.targetSize(bgr.cols(), bgr.rows(), factor));
  }

  /** Lanczos when enlarging, area averaging when shrinking (Lanczos aliases on reduction). */
  static Mat resize(Mat image, Size size) {
    Mat out = new Mat();
    boolean shrinking = size.width < image.cols() && size.height < image.rows();
    Imgproc.resize(image, out, size, 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LANCZOS4);
    return out;
  }
}
