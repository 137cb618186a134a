package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import vn.lienthong.gateway.GatewayApplication;

/** Settings that would be unsafe on real data stop the start, each named. */
class DeploymentSafetyTest {
    private static final String STRONG = "0123456789abcdef0123456789abcdef";

    private static MockEnvironment strong() {
        return new MockEnvironment().withProperty("gateway.callbacks.secret", STRONG)
                .withProperty("gateway.callbacks.payment-secret", STRONG + "p").withProperty("gateway.audit.hmac-secret", STRONG + "a");
    }

    /** Strong secrets of the deployment's own pass. */
    @Test
    void shouldAcceptWhenSecretsAreLongAndOwn() {
        assertThat(DeploymentSafety.check(strong())).isEmpty();
    }

    /** sandbox beside production is refused, whatever the secrets. */
    @Test
    void shouldRefuseWhenSandboxAndProductionTogether() {
        MockEnvironment env = strong();
        env.setActiveProfiles("production", "sandbox");
        assertThat(DeploymentSafety.check(env)).singleElement().asString().contains("sandbox and production");
    }

    /** Outside the sandbox a short secret, a published sandbox value and a sandbox demo key are each refused. */
    @Test
    void shouldRefuseWhenSecretShortOrPublished() {
        MockEnvironment env = strong().withProperty("gateway.audit.hmac-secret", "short")
                .withProperty("gateway.callbacks.payment-secret", "sandbox-payment-secret")
                .withProperty("gateway.population.secret", "sandbox-secret")
                .withProperty("gateway.security.api-keys[0].client-id", "stolen")
                .withProperty("gateway.security.api-keys[0].sha256", "9253e84c608bd3ef97e50d5abdf245a4f272cdeb86270ff8d32a6b7bb0ec2956");
        assertThat(DeploymentSafety.check(env)).anySatisfy(p -> assertThat(p).contains("gateway.audit.hmac-secret is shorter than 32"))
                .anySatisfy(p -> assertThat(p).contains("gateway.callbacks.payment-secret is the sandbox's published value"))
                .anySatisfy(p -> assertThat(p).contains("gateway.population.secret is the sandbox's published value"))
                .anySatisfy(p -> assertThat(p).contains("api-keys[0] (stolen) is a sandbox demo key"));
        env.setActiveProfiles("sandbox");
        assertThat(DeploymentSafety.check(env)).isEmpty();
    }

    /** The sandbox profile on the application alone (its simulators are in the test tree only) is refused. */
    @Test
    void shouldRefuseWhenSandboxProfileWithoutSimulators() {
        MockEnvironment env = strong();
        env.setActiveProfiles("sandbox");
        DeploymentSafety safety = new DeploymentSafety();
        safety.setEnvironment(env);
        Throwable t = catchThrowable(() -> safety.postProcessBeanFactory(new DefaultListableBeanFactory()));
        assertThat(t).isInstanceOf(DeploymentSafety.UnsafeSettingsException.class)
                .hasMessageContaining("profile sandbox without its simulators").hasMessageContaining("mvn spring-boot:test-run");
        DefaultListableBeanFactory withSimulators = new DefaultListableBeanFactory();
        withSimulators.registerBeanDefinition(DeploymentSafety.SANDBOX_SIMULATORS, new RootBeanDefinition(Object.class));
        safety.postProcessBeanFactory(withSimulators);
    }

    /** The check runs at start-up, before any bean: the application does not start, and says why. */
    @Test
    void shouldRefuseToStartWhenSandboxAndProductionProfilesTogether() {
        Throwable t = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class).profiles("sandbox", "production")
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:unsafe-settings", "--spring.jmx.enabled=false",
                        "--gateway.sandbox.portal-port=0", "--gateway.lookups-sandbox.population-port=0",
                        "--gateway.lookups-sandbox.registry-port=0", "--gateway.one-stop.sandbox-port=0", "--management.server.port=").close());
        Throwable cause = t;
        while (cause != null && !(cause instanceof DeploymentSafety.UnsafeSettingsException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("root cause of %s", t).isNotNull();
        assertThat(new UnsafeSettingsFailureAnalyzer().analyze(t).getDescription()).contains("sandbox and production");
    }
}
