package io.enhancer.engine.codec;

import io.enhancer.engine.errors.InvalidImageException;
import io.enhancer.engine.errors.LimitExceededException;
import io.enhancer.engine.limits.ImageLimits;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.pipeline.Frame;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Turns image bytes into an 8-bit sRGB frame. Limits are checked from the header before any pixel is decoded.
 * TODO(issue 2): header sniffing, EXIF, CMYK, 16-bit, alpha, GIF first frame, subsampling on load.
 */
public final class ImageDecoder {
  private final ImageLimits limits;

  public ImageDecoder(ImageLimits limits) {
    OpenCvRuntime.ensureLoaded();
    this.limits = limits;
  }

  public DecodedImage decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) throw new InvalidImageException("input is empty");
    if (bytes.length > limits.maxBytes()) {
      throw new LimitExceededException("input is " + bytes.length + " bytes, limit is " + limits.maxBytes());
    }
    Mat bgr = Imgcodecs.imdecode(new MatOfByte(bytes), Imgcodecs.IMREAD_COLOR);
    if (bgr.empty()) throw new InvalidImageException("input is not a decodable image");
    return new DecodedImage(Frame.of(bgr),
        new SourceInfo("unknown", bgr.cols(), bgr.rows(), bytes.length, false, 1, "srgb", 1));
  }
}
