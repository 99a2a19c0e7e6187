package io.enhancer.connector.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a main class in a new JVM on this JVM's classpath (the test runtime classpath: connector, engine,
 * webhooks, Kafka). The classpath goes through an argument file because it is longer than one argument may be.
 */
final class JavaLauncher {
  private final Path java;
  private final Path argFile;

  JavaLauncher(Path workDir) throws IOException {
    this.java = Path.of(System.getProperty("java.home"), "bin", "java");
    this.argFile = workDir.resolve("classpath.args");
    Files.createDirectories(workDir);
    Files.writeString(argFile, "-cp \"" + runtimeClasspath() + "\"\n");
  }

  /** Surefire may start tests from a manifest-only jar; it then keeps the real classpath in its own property. */
  static String runtimeClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    if (surefire != null && !surefire.isBlank()) return surefire;
    return System.getProperty("java.class.path");
  }

  Process start(List<String> jvmArgs, String mainClass, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmArgs);
    command.add("-Djava.awt.headless=true");
    command.add("@" + argFile);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }
}
