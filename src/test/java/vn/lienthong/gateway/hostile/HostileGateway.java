package vn.lienthong.gateway.hostile;

import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.sandbox.OneStopSimulator;
import vn.lienthong.gateway.sandbox.PaymentPlatformSimulator;
import vn.lienthong.gateway.sandbox.PopulationSimulator;
import vn.lienthong.gateway.sandbox.PortalSimulator;
import vn.lienthong.gateway.sandbox.RegistrySimulator;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;

/** The gateway the hostile suite attacks: its own context on in-memory H2, every national system and the one-stop simulated. */
final class HostileGateway implements AutoCloseable {
    private static final HostileRequests.Credentials CREDENTIALS = new HostileRequests.Credentials("hostile-onestop-key",
            "hostile-lookups-key", "hostile-admin-key", "hostile-callback-secret-of-32-bytes-or-more",
            "hostile-payment-platform-secret");

    private final PortalSimulator portal = new PortalSimulator(0, "gw", "hostile-portal-password").start();
    private final OneStopSimulator oneStop = new OneStopSimulator(0, "X-API-Key", "hostile-one-stop-key").start();
    private final PopulationSimulator population = new PopulationSimulator(0, "gw", "hostile-population-secret", "hostile-pop-key").start();
    private final RegistrySimulator registry = new RegistrySimulator(0, "hostile-registry-key").start();
    private final PaymentPlatformSimulator payments = new PaymentPlatformSimulator(0, "HOSTILE", "hostile-payment-platform-secret", null).start();
    private final ConfigurableApplicationContext ctx;
    private final JdbcTemplate jdbc;

    /** What a refused request must not change: rows stored, calls made, audit rows of answered lookups. */
    record Traces(long events, long payloads, long answeredLookups, int portalCalls, int oneStopCalls, int populationCalls,
                  int registryCalls, long payments, long paymentHistory, int paymentPlatformCalls) {
    }

    private HostileGateway() {
        String k = "--gateway.security.api-keys[";
        ctx = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1", "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false", "--gateway.ops.register-mbeans=false",
                // the build's GATEWAY_POPULATION_URL & co. would otherwise win over the Spring properties in Camel's {{…}}
                "--camel.component.properties.environment-variable-mode=1",
                "--gateway.portal.base-url=" + portal.baseUrl(), "--gateway.portal.username=gw",
                "--gateway.portal.password=hostile-portal-password", "--gateway.portal.dstcode=HOSTILE",
                "--gateway.callbacks.secret=" + CREDENTIALS.callbackSecret(),
                "--gateway.callbacks.payment-secret=hostile-payment-secret-of-32-bytes-or-more",
                "--gateway.one-stop.base-url=" + oneStop.baseUrl(), "--gateway.one-stop.api-key=hostile-one-stop-key",
                "--gateway.population.url=" + population.baseUrl(), "--gateway.population.user=gw",
                "--gateway.population.secret=hostile-population-secret", "--gateway.population.api-key=hostile-pop-key",
                "--gateway.population.xroad-client=VN/GOV/TEST/HOSTILE", "--gateway.population.consumer-code=HOSTILE",
                "--gateway.population.integration-code=HOSTILE", "--gateway.population.agency-code=000.00.00.H47",
                "--gateway.registry.base-url=" + registry.baseUrl(), "--gateway.registry.api-key=hostile-registry-key",
                "--gateway.audit.hmac-secret=hostile-audit-secret-of-32-bytes-or-more",
                k + "0].client-id=onestop", k + "0].sha256=" + ApiKeyAuthenticationFilter.sha256(CREDENTIALS.oneStop()),
                k + "0].scopes=dossier:write,dossier:read,civil-status:read,civil-status:write,portal:push,payment:write,payment:read,payment:bill",
                "--gateway.payments.enabled=true", "--gateway.payments.init-url=" + payments.baseUrl() + PaymentPlatformSimulator.INIT,
                "--gateway.payments.query-url=" + payments.baseUrl() + PaymentPlatformSimulator.QUERY,
                "--gateway.payments.bill-url=" + payments.baseUrl() + PaymentPlatformSimulator.BILL,
                "--gateway.payments.partner-code=HOSTILE", "--gateway.payments.secret=" + CREDENTIALS.paymentSecret(),
                "--gateway.payments.query.interval=1h",
                k + "0].requests-per-second=100000",
                "--gateway.civil-status.enabled=true", "--gateway.civil-status.push-enabled=true",
                "--gateway.civil-status.base-url=http://localhost:9/dvclt", "--gateway.civil-status.username=gw",
                "--gateway.civil-status.password=hostile-dvclt-password", "--gateway.civil-status.poll-interval=1h",
                "--gateway.civil-status.files.folder=target/hostile-civil-status-files",
                "--gateway.http.max-body-per-path[/api/v1/portal/dossiers]=1MB",
                k + "1].client-id=lookups", k + "1].sha256=" + ApiKeyAuthenticationFilter.sha256(CREDENTIALS.lookups()),
                k + "1].scopes=citizen:read,citizen:verify,enterprise:read", k + "1].requests-per-second=100000",
                k + "2].client-id=admin", k + "2].sha256=" + ApiKeyAuthenticationFilter.sha256(CREDENTIALS.admin()),
                k + "2].scopes=admin", k + "2].requests-per-second=100000");
        jdbc = new JdbcTemplate(ctx.getBean(DataSource.class));
    }

    static HostileGateway start() {
        return new HostileGateway();
    }

    HostileRequests.Credentials credentials() {
        return CREDENTIALS;
    }

    String baseUrl() {
        return "http://localhost:" + ctx.getEnvironment().getProperty("local.server.port");
    }

    CamelContext camel() {
        return ctx.getBean(CamelContext.class);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    Traces traces() {
        return new Traces(count("SELECT COUNT(*) FROM delivery_event"), count("SELECT COUNT(*) FROM delivery_payload"),
                count("SELECT COUNT(*) FROM lookup_audit WHERE outcome NOT IN ('INVALID', 'FORBIDDEN')"),
                portal.calls().size(), oneStop.requests().size(), population.calls(), registry.calls(),
                count("SELECT COUNT(*) FROM payment_transaction"), count("SELECT COUNT(*) FROM payment_history"), payments.received().size());
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public void close() {
        ctx.close();
        for (AutoCloseable c : List.<AutoCloseable>of(portal, oneStop, population, registry, payments)) {
            try {
                c.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
    }
}
