package vn.lienthong.gateway.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import vn.lienthong.gateway.GatewayApplication;

/**
 * The gateway with its national systems simulated, started from the test classpath: {@code mvn spring-boot:test-run}
 * ({@code mvn spring-boot:run} too: the pom names this class and the test classpath for both). The simulators and WireMock live only in the test tree, so the production jar holds
 * none of them; this class adds the {@code sandbox} profile, which starts them ({@link SandboxConfiguration} and its
 * siblings). Further profiles: {@code -Dspring-boot.test-run.profiles=text-logs}.
 */
public final class SandboxApplication {
    private SandboxApplication() {
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        app.setAdditionalProfiles("sandbox");
        // The test tree also holds the tests' own @TestConfiguration classes; the sandbox runs without them.
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("sandboxExcludesTestComponents",
                new ExcludeTestComponents()));
        app.run(args);
    }

    /** Leaves out of component scanning what the tests declare for themselves (@TestConfiguration, @TestComponent). */
    static final class ExcludeTestComponents extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExcludeTestComponents;
        }

        @Override
        public int hashCode() {
            return ExcludeTestComponents.class.hashCode();
        }
    }
}
