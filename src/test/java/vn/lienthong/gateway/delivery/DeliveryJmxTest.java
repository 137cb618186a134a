package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.mapping.MappingRegistry;
import vn.lienthong.gateway.ops.MappingsControl;
import vn.lienthong.gateway.ops.NationalSystemControl;
import vn.lienthong.gateway.sandbox.PortalFault;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/** What an administrator does in JConsole, done over a real JMX connector on a random port. */
class DeliveryJmxTest extends GatewayIntegrationTest {
    private static Registry registry;
    private static JMXConnectorServer server;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;
    private static final ObjectName PORTAL_DELIVERY = DeliveryEngine.objectName(NationalPortalDestination.NAME);

    @BeforeAll
    static void connect() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        registry = LocateRegistry.createRegistry(port);
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://localhost:" + port + "/jmxrmi");
        server = JMXConnectorServerFactory.newJMXConnectorServer(url, null, ManagementFactory.getPlatformMBeanServer());
        server.start();
        connector = JMXConnectorFactory.connect(url);
        jmx = connector.getMBeanServerConnection();
    }

    /** Other test contexts in this JVM register the same names; make sure the MBeans read here are this context's. */
    @org.junit.jupiter.api.BeforeEach
    void ownMBeans() {
        engine.registerMBeans();
        vn.lienthong.gateway.ops.NationalSystemControl.registerAll(systems);
    }

    @org.springframework.beans.factory.annotation.Autowired
    vn.lienthong.gateway.ops.NationalSystems systems;

    @AfterAll
    static void disconnect() throws Exception {
        connector.close();
        server.stop();
        UnicastRemoteObject.unexportObject(registry, true);
    }

    private long attr(String name) throws Exception {
        return ((Number) jmx.getAttribute(PORTAL_DELIVERY, name)).longValue();
    }

    private Object invoke(String op, Object... args) throws Exception {
        String[] sig = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            sig[i] = args[i] instanceof Long ? "long" : args[i].getClass().getName();
        }
        return jmx.invoke(PORTAL_DELIVERY, op, args, sig);
    }

    /** Pausing holds events back and the backlog and its age show it; resuming delivers them and the totals move. */
    @Test
    void shouldShowBacklogWhenPausedAndDeliverWhenResumed() throws Exception {
        invoke("pause");
        assertThat((Boolean) jmx.getAttribute(PORTAL_DELIVERY, "Paused")).isTrue();
        long delivered = attr("Delivered");
        String dossier = newDossier();
        for (int i = 0; i < 3; i++) {
            assertThat(postEvent(event(dossier + "-j" + i, dossier, i == 0 ? "NEW" : "PROCESSING")).statusCode()).isEqualTo(202);
        }
        Thread.sleep(1100);
        assertThat(attr("Pending")).isGreaterThanOrEqualTo(3);
        assertThat(attr("OldestPendingAgeSeconds")).isGreaterThanOrEqualTo(1);
        assertThat(states(dossier)).containsOnly("QUEUED");
        invoke("resume");
        awaitDelivered(dossier, 3);
        assertThat(attr("Delivered")).isEqualTo(delivered + 3);
        assertThat(attr("Pending")).isZero();
        assertThat(attr("OldestPendingAgeSeconds")).isZero();
    }

    /** A DEAD event is counted, skipped over JMX to free its dossier, and another is replayed over JMX. */
    @Test
    void shouldSkipAndReplayDeadEventsOverJmx() throws Exception {
        String dossier = newDossier();
        PORTAL.addFault(PortalFault.reject(dossier, 12));
        long dead = attr("Dead");
        assertThat(postEvent(event(dossier + "-d0", dossier, "NEW")).statusCode()).isEqualTo(202);
        assertThat(postEvent(event(dossier + "-d1", dossier, "PROCESSING")).statusCode()).isEqualTo(202);
        await("first event DEAD", Duration.ofSeconds(10), () -> states(dossier).get(0).equals("DEAD"));
        assertThat(attr("Dead")).isEqualTo(dead + 1);
        long first = eventsOf(dossier).get(0).get("id").asLong();

        assertThat((Boolean) invoke("skip", first)).isTrue();
        await("second event DEAD after the skip", Duration.ofSeconds(10),
                () -> states(dossier).equals(List.of("SKIPPED", "DEAD")));
        long second = eventsOf(dossier).get(1).get("id").asLong();
        PORTAL.clearFaults();
        assertThat((Boolean) invoke("replay", second)).isTrue();
        await("replayed event delivered", Duration.ofSeconds(10), () -> states(dossier).equals(List.of("SKIPPED", "DELIVERED")));
        assertThat(PORTAL.appliedRecords(dossier)).extracting(r -> r.get("TrangThaiHoSo").asInt()).containsExactly(4);
        assertThat((Boolean) invoke("replay", second)).isFalse();
        assertThat(attr("Dead")).isEqualTo(dead);
    }

    /** replayAllDead puts every DEAD event back in the queue. */
    @Test
    void shouldReplayAllDeadOverJmx() throws Exception {
        String a = newDossier();
        String b = newDossier();
        PORTAL.addFault(PortalFault.reject(a, 14));
        PORTAL.addFault(PortalFault.reject(b, 14));
        assertThat(postEvent(event(a + "-r", a, "NEW")).statusCode()).isEqualTo(202);
        assertThat(postEvent(event(b + "-r", b, "NEW")).statusCode()).isEqualTo(202);
        await("both DEAD", Duration.ofSeconds(10), () -> states(a).equals(List.of("DEAD")) && states(b).equals(List.of("DEAD")));
        PORTAL.clearFaults();
        assertThat((Integer) invoke("replayAllDead")).isGreaterThanOrEqualTo(2);
        awaitDelivered(a, 1);
        awaitDelivered(b, 1);
    }

    /**
     * An open breaker shows on the delivery and national-system MBeans (beside the portal guard's quota and
     * bulkhead), resetBreaker over JMX closes it, and the breaker's call count moves when an event is delivered.
     */
    @Test
    void shouldShowOpenBreakerAndResetItOverJmx() throws Exception {
        ObjectName portal = NationalSystemControl.objectName(NationalPortalDestination.NAME);
        ObjectName oneStop = NationalSystemControl.objectName("one-stop");
        assertThat(jmx.isRegistered(oneStop)).isTrue();
        assertThat(jmx.getAttribute(oneStop, "BreakerState")).isEqualTo("CLOSED");
        assertThat(((Number) jmx.getAttribute(portal, "RateLimiterAvailablePermissions")).intValue()).isPositive();
        assertThat(((Number) jmx.getAttribute(portal, "BulkheadMaxConcurrentCalls")).intValue()).isEqualTo(64);
        assertThat(((Number) jmx.getAttribute(portal, "BulkheadAvailableConcurrentCalls")).intValue()).isPositive();
        assertThat(((Number) jmx.getAttribute(portal, "CacheHitRatio")).doubleValue()).isEqualTo(-1d);

        nationalPortalGuard.breaker().transitionToForcedOpenState();
        assertThat(jmx.getAttribute(PORTAL_DELIVERY, "BreakerState")).isEqualTo("FORCED_OPEN");
        assertThat(jmx.getAttribute(portal, "BreakerState")).isEqualTo("FORCED_OPEN");
        assertThat((String) jmx.invoke(portal, "resetBreaker", new Object[0], new String[0])).isEqualTo("was FORCED_OPEN, now CLOSED");
        assertThat(jmx.getAttribute(PORTAL_DELIVERY, "BreakerState")).isEqualTo("CLOSED");
        assertThat(jmx.getAttribute(portal, "BreakerOpenSeconds")).isEqualTo(0L);

        nationalPortalGuard.breaker().transitionToForcedOpenState();
        assertThat((String) invoke("resetBreaker")).isEqualTo("was FORCED_OPEN, now CLOSED");
        String dossier = newDossier();
        assertThat(postEvent(event(dossier + "-b", dossier, "NEW")).statusCode()).isEqualTo(202);
        awaitDelivered(dossier, 1);
        assertThat(((Number) jmx.getAttribute(portal, "BreakerSuccessfulCalls")).longValue()).isPositive();
        assertThat(((Number) jmx.getAttribute(portal, "BreakerFailureRate")).floatValue()).isEqualTo(-1f);
    }

    /**
     * A mappings folder where one table is broken is refused over JMX with the file and reason, and the mappings
     * in use stay (a registry over a copy of mappings/ in a temporary folder, under a test name).
     */
    @Test
    void shouldRefuseBrokenMappingsReloadOverJmx() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mappings-copy");
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("mappings"))) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        MappingRegistry registry = new MappingRegistry("file:" + dir + "/", java.util.List.of(
                vn.lienthong.gateway.national.portal.PortalProtocol::from, vn.lienthong.gateway.dossier.DossierVocabulary::from,
                vn.lienthong.gateway.callbacks.CallbackVocabulary::from));
        ObjectName name = new ObjectName(DeliveryEngine.JMX_DOMAIN + ":type=Mappings,name=jmx-test-copy");
        ManagementFactory.getPlatformMBeanServer().registerMBean(new javax.management.StandardMBean(
                new MappingsControl(registry), vn.lienthong.gateway.ops.MappingsControlMBean.class), name);
        try {
            Object before = jmx.getAttribute(name, "Versions");
            java.nio.file.Files.writeString(dir.resolve("dossier-status.yaml"), "version: [unclosed\n");
            String answer = (String) jmx.invoke(name, "reload", new Object[0], new String[0]);
            assertThat(answer).startsWith("refused, running mappings kept:").contains("dossier-status.yaml");
            assertThat(jmx.getAttribute(name, "Versions")).isEqualTo(before);
        } finally {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    /** Camel's route MBeans stay on beside the gateway's, and the mappings MBean reloads checked files. */
    @Test
    void shouldExposeCamelRoutesAndMappingsReload() throws Exception {
        assertThat(jmx.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null))
                .extracting(n -> n.getKeyProperty("name").replace("\"", ""))
                .contains("national-portal", "delivery-dispatch", "dossier-events.accept");
        assertThat((String) jmx.invoke(MappingsControl.objectName(), "reload", new Object[0], new String[0])).startsWith("reloaded");
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> versions = (java.util.Map<String, String>) jmx.getAttribute(MappingsControl.objectName(), "Versions");
        assertThat(versions).containsKey("dossier-status.yaml");
    }
}
