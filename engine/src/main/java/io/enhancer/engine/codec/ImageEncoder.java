package io.enhancer.engine.codec;

import io.enhancer.engine.errors.EncodeException;
import io.enhancer.engine.options.EnhanceOptions;
import io.enhancer.engine.pipeline.Frame;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Encodes the final frame. TODO(issue 2): progressive JPEG, WebP, PNG alpha, size-target search. */
public final class ImageEncoder {

  public EncodedImage encode(Frame frame, EnhanceOptions options) {
    MatOfByte out = new MatOfByte();
    boolean ok = Imgcodecs.imencode(".jpg", frame.bgr(), out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, options.quality()));
    if (!ok) throw new EncodeException("jpeg encoding failed", null);
    return new EncodedImage(out.toArray(), options.format(), frame.width(), frame.height(), options.quality());
  }
}
