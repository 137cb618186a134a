package vn.lienthong.gateway.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to run with remote JMX open without authentication (or, where required, without TLS). Remote JMX
 * is opened by the JVM's flags before the gateway starts (config/application-production.yml lists them);
 * this check stops the gateway, and so closes the port, when those flags are unsafe.
 */
public class RemoteJmxGuard {
    private static final Logger log = LoggerFactory.getLogger(RemoteJmxGuard.class);
    private static final String P = "com.sun.management.jmxremote.";

    private RemoteJmxGuard() {
    }

    /** Problems of the remote JMX settings in {@code props}; empty when remote JMX is off or safe. */
    public static List<String> problems(Properties props, boolean requireSsl) {
        List<String> problems = new ArrayList<>();
        if (props.getProperty(P + "port") == null) {
            return problems;
        }
        if ("false".equalsIgnoreCase(props.getProperty(P + "authenticate", "true").trim())) {
            problems.add(P + "authenticate=false: remote JMX would let anyone pause, skip and replay");
        }
        if (requireSsl) {
            if ("false".equalsIgnoreCase(props.getProperty(P + "ssl", "true").trim())) {
                problems.add(P + "ssl=false: JMX passwords and data would cross the network in clear");
            }
            if (!"true".equalsIgnoreCase(props.getProperty(P + "registry.ssl", "false").trim())) {
                problems.add(P + "registry.ssl is not true: the RMI registry would be reachable without TLS");
            }
        }
        return problems;
    }

    /**
     * The remote JMX settings the JVM agent uses: {@code com.sun.management.config.file} (or the JDK's
     * management.properties when that is not set and it exists), overridden by {@code -D} flags.
     */
    static Properties effective(Properties system) {
        Properties merged = new Properties();
        String file = system.getProperty("com.sun.management.config.file");
        java.nio.file.Path path = file != null ? java.nio.file.Path.of(file)
                : java.nio.file.Path.of(system.getProperty("java.home", ""), "conf", "management", "management.properties");
        if (java.nio.file.Files.isReadable(path)) {
            try (java.io.Reader r = java.nio.file.Files.newBufferedReader(path)) {
                merged.load(r);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the JMX configuration " + path, e);
            }
        }
        system.stringPropertyNames().stream().filter(k -> k.startsWith(P))
                .forEach(k -> merged.setProperty(k, system.getProperty(k)));
        return merged;
    }

    /** Throws when the JVM's remote JMX flags are unsafe. */
    public static void check(boolean requireSsl) {
        Properties settings = effective(System.getProperties());
        List<String> p = problems(settings, requireSsl);
        if (!p.isEmpty()) {
            throw new IllegalStateException("unsafe remote JMX, refusing to start: " + String.join("; ", p)
                    + " (see config/application-production.yml)");
        }
        if (settings.getProperty(P + "port") != null) {
            log.info("remote JMX on port {} with authentication{}", settings.getProperty(P + "port"),
                    requireSsl ? " and TLS" : "");
        }
    }
}
