package vn.lienthong.gateway.delivery;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** One dispatcher and one JMX control per destination; the dispatch route wakes them. */
public class DeliveryEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    public static final String JMX_DOMAIN = "vn.lienthong.gateway";

    private final DeliveryStore store;
    private final Map<String, Dispatcher> dispatchers = new LinkedHashMap<>();
    private final Map<String, ObjectName> mbeans = new LinkedHashMap<>();
    private final Clock clock;
    private final String owner;

    public DeliveryEngine(List<DeliveryDestination> destinations, DeliveryStore store, DeliveryProperties cfg,
                          Clock clock, String owner) {
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        RetryPolicy retry = new RetryPolicy(cfg);
        for (DeliveryDestination d : destinations) {
            dispatchers.put(d.name(), new Dispatcher(d, store, retry, cfg, clock, owner));
        }
    }

    /** This instance's name in claims and job locks (host/pid/random), so an operator can tell instances apart. */
    public String owner() {
        return owner;
    }

    /** Registers {@code vn.lienthong.gateway:type=Delivery,destination=<name>} for each destination. */
    public void registerMBeans() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (Dispatcher d : dispatchers.values()) {
            try {
                ObjectName name = objectName(d.destination());
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
                server.registerMBean(new StandardMBean(new DeliveryControl(d, store, clock), DeliveryControlMBean.class), name);
                mbeans.put(d.destination(), name);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the delivery MBean of " + d.destination(), e);
            }
        }
    }

    public static ObjectName objectName(String destination) {
        try {
            return new ObjectName(JMX_DOMAIN + ":type=Delivery,destination=" + destination);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every dispatcher reports its batch timings to {@code observer}. */
    public void observe(Dispatcher.BatchObserver observer) {
        dispatchers.values().forEach(d -> d.observe(observer));
    }

    public void wakeAll() {
        dispatchers.values().forEach(Dispatcher::wake);
    }

    public void wake(String destination) {
        Dispatcher d = dispatchers.get(destination);
        if (d != null) {
            d.wake();
        }
    }

    public Dispatcher dispatcher(String destination) {
        Dispatcher d = dispatchers.get(destination);
        if (d == null) {
            throw new NoSuchElementException("no destination '" + destination + "' (known: " + dispatchers.keySet() + ")");
        }
        return d;
    }

    public DeliveryControl control(String destination) {
        return new DeliveryControl(dispatcher(destination), store, clock);
    }

    public List<StoredEvent> deadEvents(String destination, int limit) {
        return store.dead(dispatcher(destination).destination(), limit);
    }

    public List<String> destinations() {
        return List.copyOf(dispatchers.keySet());
    }

    @Override
    public void close() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName n : mbeans.values()) {
            try {
                server.unregisterMBean(n);
            } catch (Exception e) {
                log.debug("MBean {} already gone", n);
            }
        }
        dispatchers.values().forEach(Dispatcher::close);
    }
}
