import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load client for bench/intake.sh (JDK only, nothing downloaded). Two modes:
 * <pre>
 *   java IntakeLoad.java load HOST PORT SECRET CONNECTIONS SECONDS RUN_ID ACCEPTED_FILE [KILL_PID]
 *   java -cp h2.jar IntakeLoad.java check JDBC_URL RUN_ID ACCEPTED_FILE
 * </pre>
 * load: CONNECTIONS keep-alive HTTP/1.1 sockets (one thread each, raw requests: the client's own cost stays small on
 * a machine it shares with the service) POST distinct generic webhooks to /webhooks/generic, each signed the way the
 * generic source verifies them ({@code X-Enhancer-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">}). Prints
 * deliveries/s (2xx answers), p50/p95/p99/max latency and errors by status; writes every 2xx event id to the file.
 * With KILL_PID the service is killed (SIGKILL) the moment the last answer is in: whatever it answered 2xx must
 * already be in its database. SERVICE_PID (environment, else KILL_PID) names the service whose CPU time is reported.
 * check: reads the database (after the service is gone) and compares: every answered event recorded exactly once
 * (webhook_events, product_images, and one queued job per image when the outbox table exists), nothing else.
 */
public class IntakeLoad {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("load") && (args.length == 8 || args.length == 9)) {
      load(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6],
          Path.of(args[7]), args.length == 9 ? Long.parseLong(args[8]) : -1);
    } else if (args.length > 0 && args[0].equals("check") && args.length == 4) {
      System.exit(check(args[1], args[2], Path.of(args[3])) ? 0 : 1);
    } else {
      System.err.println("usage: load HOST PORT SECRET CONNECTIONS SECONDS RUN_ID ACCEPTED_FILE [KILL_PID]"
          + " | check JDBC_URL RUN_ID ACCEPTED_FILE");
      System.exit(2);
    }
  }

  // ---------------------------------------------------------------- load

  static void load(String host, int port, String secret, int connections, int seconds, String runId, Path accepted,
                   long killPid) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<KeepAliveSender> workers = new ArrayList<>();
    for (int i = 0; i < connections; i++) workers.add(new KeepAliveSender(host, port, secret, runId + "-c" + i, deadline));
    long servicePid = System.getenv("SERVICE_PID") == null ? killPid : Long.parseLong(System.getenv("SERVICE_PID"));
    long serviceCpuBefore = cpuTicks(servicePid);
    java.time.Duration clientCpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (KeepAliveSender w : workers) {
      Thread t = new Thread(w, "load-" + w.prefix);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long serviceCpu = cpuTicks(servicePid) - serviceCpuBefore;
    double clientCpu = (ProcessHandle.current().info().totalCpuDuration().orElse(java.time.Duration.ZERO)
        .minus(clientCpuBefore)).toMillis() / 1000.0;
    if (killPid > 0) {
      ProcessHandle.of(killPid).ifPresent(ProcessHandle::destroyForcibly);
      System.out.println("service " + killPid + " killed (SIGKILL) right after the last answer");
    }

    long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted().toArray();
    Map<String, Long> errors = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    for (KeepAliveSender w : workers) {
      w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
      ids.addAll(w.accepted);
    }
    Files.write(accepted, ids);
    System.out.printf("connections %d, %.1f s: %d answered 2xx, %.0f deliveries/s; latency p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms, max %.1f ms; errors %s%n", connections, elapsed, ids.size(), ids.size() / elapsed,
        pct(all, 50), pct(all, 95), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
        errors.isEmpty() ? "none" : errors);
    if (serviceCpuBefore >= 0 && !ids.isEmpty()) {
      double cpu = serviceCpu / (double) CLOCK_TICKS;
      System.out.printf("CPU while measured: service %.1f s (%.2f cores, %.2f ms per delivery), load client %.1f s%n",
          cpu, cpu / elapsed, 1000 * cpu / ids.size(), clientCpu);
    }
  }

  /** USER_HZ on Linux (getconf CLK_TCK). */
  static final int CLOCK_TICKS = 100;

  /** utime + stime of a process from /proc, in clock ticks; -1 when unknown. */
  static long cpuTicks(long pid) {
    if (pid <= 0) return -1;
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /** One keep-alive connection sending deliveries back to back until the deadline. */
  static final class KeepAliveSender implements Runnable {
    final String host;
    final int port;
    final String prefix;
    final long deadline;
    final Mac mac;
    long[] latencies = new long[1 << 16];
    int count;
    final List<String> accepted = new ArrayList<>();
    final Map<String, Long> errors = new TreeMap<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveSender(String host, int port, String secret, String prefix, long deadline) throws Exception {
      this.host = host;
      this.port = port;
      this.prefix = prefix;
      this.deadline = deadline;
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Override
    public void run() {
      long n = 0;
      while (System.nanoTime() < deadline) {
        String eventId = prefix + "-" + (n++);
        byte[] body = ("{\"event_id\":\"" + eventId + "\",\"event\":\"asset.uploaded\",\"asset\":{\"id\":\"" + eventId
            + "\",\"url\":\"https://origin.example/bench/" + eventId + ".jpg\",\"sku_id\":\"SKU-" + prefix
            + "\",\"image_type\":\"primary\",\"mime_type\":\"image/jpeg\"}}").getBytes(StandardCharsets.UTF_8);
        long t = System.currentTimeMillis() / 1000;
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        byte[] head = ("POST /webhooks/generic HTTP/1.1\r\nHost: " + host + ":" + port
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\nX-Enhancer-Signature: " + signature + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        int status;
        try {
          if (socket == null) connect();
          out.write(head);
          out.write(body);
          out.flush();
          status = readResponse();
        } catch (IOException e) {
          errors.merge("io:" + e.getClass().getSimpleName(), 1L, Long::sum);
          close();
          continue;
        }
        long took = System.nanoTime() - started;
        if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
        latencies[count++] = took;
        if (status >= 200 && status < 300) accepted.add(eventId);
        else errors.merge("http_" + status, 1L, Long::sum);
      }
      close();
    }

    private void connect() throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      in = new BufferedInputStream(socket.getInputStream(), 8192);
      out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    }

    private void close() {
      try {
        if (socket != null) socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }

    /** Status of one response; its body is read (Content-Length or chunked) so the connection can be reused. */
    private int readResponse() throws IOException {
      String statusLine = line();
      if (statusLine == null) throw new IOException("connection closed");
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      long length = -1;
      boolean chunked = false;
      boolean closeAfter = false;
      for (String h = line(); h != null && !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = h.substring(0, colon).trim().toLowerCase();
        String value = h.substring(colon + 1).trim();
        if (name.equals("content-length")) length = Long.parseLong(value);
        if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) chunked = true;
        if (name.equals("connection") && value.equalsIgnoreCase("close")) closeAfter = true;
      }
      if (chunked) {
        for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
          skip(size);
          line();
        }
        line();
      } else if (length > 0) {
        skip(length);
      }
      if (closeAfter) close();
      return status;
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long skipped = in.skip(n);
        if (skipped <= 0) {
          if (in.read() < 0) throw new IOException("body cut short");
          skipped = 1;
        }
        n -= skipped;
      }
    }

    private String line() throws IOException {
      StringBuilder s = new StringBuilder();
      for (int c = in.read(); c >= 0; c = in.read()) {
        if (c == '\n') {
          int len = s.length();
          if (len > 0 && s.charAt(len - 1) == '\r') s.setLength(len - 1);
          return s.toString();
        }
        s.append((char) c);
      }
      return s.length() == 0 ? null : s.toString();
    }
  }

  // ---------------------------------------------------------------- check

  static boolean check(String jdbcUrl, String runId, Path acceptedFile) throws Exception {
    Set<String> accepted = new HashSet<>(Files.readAllLines(acceptedFile));
    String like = runId + "-%";
    try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "")) {
      List<String> events = strings(db, "SELECT event_id FROM webhook_events WHERE source = 'generic' AND event_id LIKE ?",
          like);
      List<String> assets = strings(db, "SELECT asset_id FROM product_images WHERE source = 'generic' AND asset_id LIKE ?",
          like);
      boolean outbox = tableExists(db, "outbox");
      long jobRows = -1;
      long imagesWithOneJob = -1;
      if (outbox) {
        // one task per image, and it is the task the image points at
        jobRows = number(db, "SELECT COUNT(*) FROM outbox o JOIN product_images i ON o.message_key = CAST(i.id AS"
            + " VARCHAR(20)) WHERE o.topic = 'enhancer.jobs' AND i.source = 'generic' AND i.asset_id LIKE ?", like);
        imagesWithOneJob = number(db, "SELECT COUNT(*) FROM (SELECT i.id FROM product_images i JOIN outbox o"
            + " ON o.message_key = CAST(i.id AS VARCHAR(20)) AND o.topic = 'enhancer.jobs' WHERE i.source = 'generic'"
            + " AND i.asset_id LIKE ? AND o.payload LIKE CONCAT('%\"task_id\":\"', i.current_task_id, '\"%')"
            + " GROUP BY i.id HAVING COUNT(*) = 1) t", like);
      }
      long queued = number(db, "SELECT COUNT(*) FROM product_images WHERE source = 'generic' AND asset_id LIKE ?"
          + " AND current_task_id IS NOT NULL", like);
      Set<String> eventSet = new HashSet<>(events);
      Set<String> assetSet = new HashSet<>(assets);
      long missingEvents = accepted.stream().filter(id -> !eventSet.contains(id)).count();
      long missingImages = accepted.stream().filter(id -> !assetSet.contains(id)).count();
      long unanswered = events.stream().filter(id -> !accepted.contains(id)).count();
      boolean ok = missingEvents == 0 && missingImages == 0 && events.size() == eventSet.size()
          && assets.size() == assetSet.size() && events.size() == accepted.size() && queued == accepted.size()
          && (!outbox || (jobRows == accepted.size() && imagesWithOneJob == accepted.size()));
      System.out.printf("database: %d answered 2xx; webhook_events %d (missing %d, not answered %d, duplicates %d);"
              + " product_images %d (missing %d, duplicates %d); images pointing at a task %d; %s -> %s%n",
          accepted.size(), events.size(), missingEvents, unanswered, events.size() - eventSet.size(), assets.size(),
          missingImages, assets.size() - assetSet.size(), queued,
          outbox ? "outbox job rows " + jobRows + " (images with exactly one: " + imagesWithOneJob + ")"
              : "no outbox table (jobs went to Kafka directly)",
          ok ? "OK: every answered delivery recorded exactly once" : "MISMATCH");
      return ok;
    }
  }

  private static boolean tableExists(Connection db, String table) throws SQLException {
    try (ResultSet rs = db.getMetaData().getTables(null, null, table, null)) {
      return rs.next();
    }
  }

  private static List<String> strings(Connection db, String sql, String param) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static long number(Connection db, String sql, String param) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
