package vn.lienthong.gateway.ops;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.delivery.DeliveryEngine;

/** The JMX face of one {@link NationalSystems.NationalSystem}. */
public class NationalSystemControl implements NationalSystemControlMBean {
    private static final Logger log = LoggerFactory.getLogger(NationalSystemControl.class);
    private final NationalSystems.NationalSystem system;

    public NationalSystemControl(NationalSystems.NationalSystem system) {
        this.system = system;
    }

    /** {@code vn.lienthong.gateway:type=NationalSystem,name=<name>}. */
    public static ObjectName objectName(String name) {
        try {
            return new ObjectName(DeliveryEngine.JMX_DOMAIN + ":type=NationalSystem,name=" + name.replaceAll("[,=:*?\"\\\\\\s]", "_"));
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static void registerAll(NationalSystems systems) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (NationalSystems.NationalSystem s : systems.all()) {
            ObjectName name = objectName(s.name());
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(new StandardMBean(new NationalSystemControl(s), NationalSystemControlMBean.class), name);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the MBean of " + s.name(), e);
            }
        }
    }

    static void unregisterAll(NationalSystems systems) {
        for (NationalSystems.NationalSystem s : systems.all()) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName(s.name()));
            } catch (Exception e) {
                log.debug("MBean of {} already gone", s.name());
            }
        }
    }

    @Override public String getName() { return system.name(); }

    @Override public String getBreakerState() {
        return system.breaker().map(b -> b.getState().name()).orElse("NONE");
    }

    @Override public long getBreakerOpenSeconds() { return system.breakerOpenSeconds(); }

    @Override public float getBreakerFailureRate() {
        return system.breaker().map(b -> b.getMetrics().getFailureRate()).orElse(-1f);
    }

    @Override public long getBreakerSuccessfulCalls() {
        return system.breaker().map(b -> (long) b.getMetrics().getNumberOfSuccessfulCalls()).orElse(-1L);
    }

    @Override public long getBreakerFailedCalls() {
        return system.breaker().map(b -> (long) b.getMetrics().getNumberOfFailedCalls()).orElse(-1L);
    }

    @Override public long getBreakerNotPermittedCalls() {
        return system.breaker().map(b -> b.getMetrics().getNumberOfNotPermittedCalls()).orElse(-1L);
    }

    @Override public int getRateLimiterAvailablePermissions() {
        return system.rateLimiter().map(r -> r.getMetrics().getAvailablePermissions()).orElse(-1);
    }

    @Override public int getRateLimiterWaitingThreads() {
        return system.rateLimiter().map(r -> r.getMetrics().getNumberOfWaitingThreads()).orElse(-1);
    }

    @Override public int getBulkheadAvailableConcurrentCalls() {
        return system.bulkhead().map(b -> b.getMetrics().getAvailableConcurrentCalls()).orElse(-1);
    }

    @Override public int getBulkheadMaxConcurrentCalls() {
        return system.bulkhead().map(b -> b.getMetrics().getMaxAllowedConcurrentCalls()).orElse(-1);
    }

    @Override public double getCacheHitRatio() {
        return system.cache().map(NationalSystems.CacheCounts::hitRatio).orElse(-1d);
    }

    @Override public String resetBreaker() {
        CircuitBreaker b = system.breaker().orElse(null);
        if (b == null) {
            return "no circuit breaker on " + system.name();
        }
        String before = b.getState().name();
        b.reset();
        log.info("administrator reset the circuit breaker of {} (was {})", system.name(), before);
        return "was " + before + ", now " + b.getState().name();
    }
}
