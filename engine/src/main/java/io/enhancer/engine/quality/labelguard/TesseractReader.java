package io.enhancer.engine.quality.labelguard;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.enhancer.engine.errors.ModelException;
import io.enhancer.engine.quality.BoundingBox;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.stream.Stream;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Reads words with the system libtesseract (installed by scripts/install-ocr.sh) through tess4j's JNA mapping.
 * A Tesseract handle is not thread-safe, so each call borrows one from a small pool; handles are created on demand
 * (loading the English model costs ~0.3 s) and kept for reuse. Close to free the native memory.
 */
public final class TesseractReader implements AutoCloseable {
  private static final int RIL_TEXTLINE = 2;
  private static final int RIL_WORD = 3;
  private static final int OEM_LSTM_ONLY = 1;
  private static final List<String> TESSDATA_DIRS = List.of(
      "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
      "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata");

  static {
    limitOpenMpThreads();
  }

  private final TessAPI api;
  private final String tessdata;
  private final String language;
  private final OcrLayout layout;
  private final int maxHandles;
  private final LinkedBlockingDeque<ITessAPI.TessBaseAPI> idle = new LinkedBlockingDeque<>();
  private int created;
  private boolean closed;

  /**
   * @param layout     page segmentation mode for every reading
   * @param maxHandles how many readings may run at once (each handle holds the model, ~20 MB)
   */
  public TesseractReader(OcrLayout layout, int maxHandles) {
    if (maxHandles < 1 || maxHandles > 64) {
      throw new IllegalArgumentException("maxHandles must be 1..64, got " + maxHandles);
    }
    this.layout = layout;
    this.maxHandles = maxHandles;
    this.language = "eng";
    this.tessdata = findTessdata(language).orElseThrow(() -> new ModelException(
        "OCR model eng.traineddata not found (set TESSDATA_PREFIX or run scripts/install-ocr.sh)", null));
    try {
      this.api = TessAPI.INSTANCE;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new ModelException("libtesseract not loadable (run scripts/install-ocr.sh)", e);
    }
  }

  /** True when the library and the English model are both present, so a reader can be built. */
  public static boolean available() {
    if (findTessdata("eng").isEmpty()) return false;
    try {
      return TessAPI.INSTANCE.TessVersion() != null;
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return false;
    }
  }

  public OcrLayout layout() {
    return layout;
  }

  /** Words in an 8-bit single-channel image, in Tesseract's reading order. */
  public List<OcrWord> read(Mat gray) {
    if (gray.empty() || gray.type() != CvType.CV_8UC1) {
      throw new IllegalArgumentException("OCR input must be non-empty CV_8UC1, got " + CvType.typeToString(gray.type()));
    }
    int width = gray.cols();
    int height = gray.rows();
    ByteBuffer pixels = ByteBuffer.allocateDirect(width * height);
    byte[] row = new byte[width * height];
    Mat continuous = gray.isContinuous() ? gray : gray.clone();
    continuous.get(0, 0, row);
    pixels.put(row).flip();

    ITessAPI.TessBaseAPI handle = borrow();
    try {
      api.TessBaseAPISetImage(handle, pixels, width, height, 1, width);
      if (api.TessBaseAPIRecognize(handle, null) != 0) {
        return List.of();
      }
      return words(handle);
    } finally {
      api.TessBaseAPIClear(handle);
      idle.addFirst(handle);
    }
  }

  private List<OcrWord> words(ITessAPI.TessBaseAPI handle) {
    List<OcrWord> words = new ArrayList<>();
    ITessAPI.TessResultIterator it = api.TessBaseAPIGetIterator(handle);
    if (it == null) return words;
    try {
      ITessAPI.TessPageIterator page = api.TessResultIteratorGetPageIterator(it);
      IntBuffer left = IntBuffer.allocate(1), top = IntBuffer.allocate(1);
      IntBuffer right = IntBuffer.allocate(1), bottom = IntBuffer.allocate(1);
      int line = -1;
      do {
        if (api.TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0) line++;
        Pointer text = api.TessResultIteratorGetUTF8Text(it, RIL_WORD);
        if (text == null) continue;
        String word = text.getString(0, "UTF-8");
        api.TessDeleteText(text);
        if (word.isBlank()) continue;
        float confidence = api.TessResultIteratorConfidence(it, RIL_WORD);
        api.TessPageIteratorBoundingBox(page, RIL_WORD, left, top, right, bottom);
        BoundingBox box = new BoundingBox(left.get(0), top.get(0),
            right.get(0) - left.get(0), bottom.get(0) - top.get(0));
        words.add(new OcrWord(word.strip(), confidence, box, Math.max(line, 0)));
      } while (api.TessResultIteratorNext(it, RIL_WORD) != 0);
    } finally {
      api.TessResultIteratorDelete(it);
    }
    return words;
  }

  private ITessAPI.TessBaseAPI borrow() {
    ITessAPI.TessBaseAPI handle = idle.pollFirst();
    if (handle != null) return handle;
    synchronized (this) {
      if (closed) throw new IllegalStateException("reader closed");
      if (created < maxHandles) {
        created++;
        return newHandle();
      }
    }
    try {
      return idle.takeFirst();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for an OCR handle", e);
    }
  }

  private ITessAPI.TessBaseAPI newHandle() {
    ITessAPI.TessBaseAPI handle = api.TessBaseAPICreate();
    if (api.TessBaseAPIInit2(handle, tessdata, language, OEM_LSTM_ONLY) != 0) {
      api.TessBaseAPIDelete(handle);
      throw new ModelException("Tesseract could not load " + language + " from " + tessdata, null);
    }
    api.TessBaseAPISetPageSegMode(handle, layout.pageSegMode());
    // A fixed DPI stops "Estimating resolution" chatter on stderr; the real scale is chosen by the caller.
    api.TessBaseAPISetVariable(handle, "user_defined_dpi", "300");
    api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    return handle;
  }

  /**
   * Debian's libtesseract uses OpenMP; its worker threads spin-wait and, with one reading per request thread, only
   * oversubscribe the cores (Tesseract's authors advise OMP_THREAD_LIMIT=1 for parallel use). libgomp reads the
   * variable when it is loaded, which is with libtesseract, so it is set here first unless the operator set it.
   */
  private static void limitOpenMpThreads() {
    if (System.getenv("OMP_THREAD_LIMIT") != null || Platform.isWindows()) return;
    try {
      Native.load("c", PosixEnvironment.class).setenv("OMP_THREAD_LIMIT", "1", 0);
    } catch (UnsatisfiedLinkError e) {
      // no libc by that name: leave OpenMP at its default
    }
  }

  /** The one libc call we need. */
  interface PosixEnvironment extends Library {
    int setenv(String name, String value, int overwrite);
  }

  static Optional<String> findTessdata(String language) {
    String prefix = System.getenv("TESSDATA_PREFIX");
    Stream<String> candidates = prefix != null
        ? Stream.concat(Stream.of(prefix, prefix + "/tessdata"), TESSDATA_DIRS.stream())
        : TESSDATA_DIRS.stream();
    return candidates.filter(dir -> Files.isRegularFile(Path.of(dir, language + ".traineddata"))).findFirst();
  }

  @Override
  public synchronized void close() {
    closed = true;
    ITessAPI.TessBaseAPI handle;
    while ((handle = idle.pollFirst()) != null) {
      api.TessBaseAPIEnd(handle);
      api.TessBaseAPIDelete(handle);
    }
  }
}
