package io.enhancer.connector.config;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) run inside the JVM for the
 * no-servers mode. Its log lives under the given folder and survives restarts, so queued jobs survive too.
 */
public final class EmbeddedKraftBroker implements AutoCloseable {
  private final Path logDir;
  private final int brokerPort;
  private KafkaRaftServer server;

  /** The controller listens on {@code brokerPort + 1}. */
  public EmbeddedKraftBroker(Path logDir, int brokerPort) {
    this.logDir = logDir;
    this.brokerPort = brokerPort;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  public synchronized void start() throws Exception {
    Files.createDirectories(logDir);
    int controllerPort = brokerPort + 1;
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "3");
    props.put("auto.create.topics.enable", "true");
    KafkaConfig config = new KafkaConfig(props, false);

    if (!Files.exists(logDir.resolve("meta.properties"))) {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(1)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setUnstableFeatureVersionsEnabled(false)
          .run();
    }
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }
}
