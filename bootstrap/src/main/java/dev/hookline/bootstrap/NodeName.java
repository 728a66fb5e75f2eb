package dev.hookline.bootstrap;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This node's name among the Hookline nodes sharing one PostgreSQL: {@code hookline.node-name},
 * else the host name plus a random suffix (two nodes on one host, or two in one JVM, differ).
 * Quartz's cluster knows the node by it, and a node ignores its own NOTIFYs by it.
 */
@Singleton
public class NodeName {

    private final String value;

    public NodeName(@Value("${hookline.node-name:}") String configured) {
        this.value = configured.isBlank() ? hostName() + "-" + HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt()) : configured.trim();
    }

    public String value() {
        return value;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
