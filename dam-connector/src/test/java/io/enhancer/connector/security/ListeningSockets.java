package io.enhancer.connector.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this JVM listens on, read from Linux's /proc: /proc/net/tcp and tcp6 list every socket of the
 * network namespace with its inode, /proc/self/fd names the inodes this process holds.
 */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  /** One listening socket: its local address as text ("127.0.0.1", "::", "::ffff:127.0.0.1") and port. */
  record Listener(String address, int port, long inode) {
    boolean loopback() {
      return address.equals("127.0.0.1") || address.equals("::1") || address.equals("::ffff:127.0.0.1");
    }

    @Override
    public String toString() {
      return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
  }

  private ListeningSockets() {}

  static List<Listener> ofThisProcess() {
    Set<Long> inodes = socketInodesOfThisProcess();
    List<Listener> out = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (Listener l : read(Path.of(table))) if (inodes.contains(l.inode())) out.add(l);
    }
    return out;
  }

  private static List<Listener> read(Path table) {
    List<Listener> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(table);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (!f[3].equals(LISTEN)) continue;
        String[] local = f[1].split(":");
        out.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(f[9])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** /proc prints addresses as 32-bit words in host (little-endian) order. */
  private static String address(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int word = 0; word < b.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(word * 8 + (3 - i) * 2, word * 8 + (3 - i) * 2 + 2), 16);
      }
    }
    if (b.length == 4) return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + "." + (b[3] & 255);
    boolean mapped = true;
    for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
    mapped &= (b[10] & 255) == 255 && (b[11] & 255) == 255;
    if (mapped) return "::ffff:" + (b[12] & 255) + "." + (b[13] & 255) + "." + (b[14] & 255) + "." + (b[15] & 255);
    boolean zero = true;
    for (int i = 0; i < 15; i++) zero &= b[i] == 0;
    if (zero && b[15] == 0) return "::";
    if (zero && b[15] == 1) return "::1";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i += 2) s.append(i == 0 ? "" : ":").append(Integer.toHexString(((b[i] & 255) << 8) | (b[i + 1] & 255)));
    return s.toString();
  }

  private static Set<Long> socketInodesOfThisProcess() {
    Set<Long> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
        } catch (IOException gone) {
          // the descriptor closed while listing
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inodes;
  }
}
