package io.enhancer.engine.models;

/** Loads OpenCV's native library once per JVM. */
public final class OpenCvRuntime {
  private static volatile boolean loaded;

  private OpenCvRuntime() {}

  public static void ensureLoaded() {
    if (loaded) return;
    synchronized (OpenCvRuntime.class) {
      if (!loaded) {
        nu.pattern.OpenCV.loadLocally();
        loaded = true;
      }
    }
  }
}
