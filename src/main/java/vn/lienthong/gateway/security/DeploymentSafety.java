package vn.lienthong.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Refuses to start a gateway that would be unsafe with real data, before any bean (a simulator, a route) exists:
 * the sandbox profile beside production (its simulators would stand in for the national systems), and, outside the
 * sandbox, a secret of the gateway's shorter than {@value #MIN_SECRET_BYTES} bytes, or any value published in the
 * sandbox's config (application-sandbox.yml: its secrets and its demo API keys are in the README).
 */
public class DeploymentSafety implements BeanFactoryPostProcessor, EnvironmentAware {
    static final int MIN_SECRET_BYTES = 32;
    static final String SANDBOX_FILE = "application-sandbox.yml";
    /**
     * Bean name of the sandbox's simulator configuration, which only the test classpath holds: the sandbox profile
     * on the production jar would send to simulators that are not there, on the published demo keys.
     */
    static final String SANDBOX_SIMULATORS = "sandboxConfiguration";
    /** HMAC and hash keys: a short one can be found from one captured message by trying every value. */
    static final List<String> SECRETS = List.of("gateway.callbacks.secret", "gateway.callbacks.previous-secret",
            "gateway.callbacks.payment-secret", "gateway.audit.hmac-secret");
    /** Credentials national systems issue: their length is not the province's choice, a published one is. */
    static final List<String> CREDENTIALS = List.of("gateway.portal.password", "gateway.population.secret",
            "gateway.population.api-key", "gateway.registry.api-key", "gateway.registry.secret", "gateway.one-stop.api-key", "gateway.payments.secret",
            "gateway.payments.access-token");

    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = check(env);
        if (env.acceptsProfiles(Profiles.of("sandbox")) && !beanFactory.containsBeanDefinition(SANDBOX_SIMULATORS)) {
            problems.add("profile sandbox without its simulators: they are not part of the application's jar; start the"
                    + " sandbox from a source checkout with `mvn spring-boot:test-run`");
        }
        if (!problems.isEmpty()) {
            throw new UnsafeSettingsException(problems);
        }
    }

    static List<String> check(Environment env) {
        List<String> problems = new ArrayList<>();
        boolean sandbox = env.acceptsProfiles(Profiles.of("sandbox"));
        if (sandbox && env.acceptsProfiles(Profiles.of("production"))) {
            problems.add("profiles sandbox and production together: the sandbox's simulators would stand in for the national"
                    + " systems on production data; start production without sandbox");
        }
        if (sandbox) {
            return problems;
        }
        Map<String, Object> published = published();
        for (String key : SECRETS) {
            String v = env.getProperty(key);
            if (v != null && !v.isBlank() && v.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                problems.add(key + " is shorter than " + MIN_SECRET_BYTES + " bytes (e.g. `openssl rand -hex 32`)");
            }
        }
        for (String key : concat(SECRETS, CREDENTIALS)) {
            String v = env.getProperty(key);
            if (v != null && !v.isBlank() && v.equals(String.valueOf(published.get(key)))) {
                problems.add(key + " is the sandbox's published value");
            }
        }
        Set<String> publishedKeys = new HashSet<>();
        published.forEach((k, v) -> {
            if (k.startsWith("gateway.security.api-keys[") && k.endsWith(".sha256")) {
                publishedKeys.add(String.valueOf(v).toLowerCase());
            }
        });
        for (int i = 0; env.containsProperty("gateway.security.api-keys[" + i + "].sha256"); i++) {
            String hash = env.getProperty("gateway.security.api-keys[" + i + "].sha256", "");
            if (publishedKeys.contains(hash.toLowerCase())) {
                problems.add("gateway.security.api-keys[" + i + "] (" + env.getProperty("gateway.security.api-keys[" + i
                        + "].client-id") + ") is a sandbox demo key, published in the README");
            }
        }
        return problems;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Every value of the sandbox's config file as it is shipped, by property name. */
    private static Map<String, Object> published() {
        ClassPathResource file = new ClassPathResource(SANDBOX_FILE);
        if (!file.exists()) {
            return Map.of();
        }
        try {
            java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
            for (PropertySource<?> ps : new YamlPropertySourceLoader().load("sandbox", file)) {
                if (ps instanceof EnumerablePropertySource<?> e) {
                    for (String name : e.getPropertyNames()) {
                        out.put(name, String.valueOf(e.getProperty(name)));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SANDBOX_FILE, e);
        }
    }

    /** Reported by {@link UnsafeSettingsFailureAnalyzer} as a short list instead of a stack trace. */
    public static class UnsafeSettingsException extends IllegalStateException {
        private final List<String> problems;

        public UnsafeSettingsException(List<String> problems) {
            super("unsafe settings: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
