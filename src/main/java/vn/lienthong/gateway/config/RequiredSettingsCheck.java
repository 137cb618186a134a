package vn.lienthong.gateway.config;

import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Asks every flow's {@link RequiredSettings} (META-INF/spring.factories) before any bean is made, so a start without
 * national settings fails once, naming all of them, and never half-way through wiring.
 */
public final class RequiredSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = missing(Binder.get(environment));
        if (!missing.isEmpty()) {
            throw new RequiredSettings.MissingSettingsException(missing);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Every flow's missing settings, as {@code key (ENVIRONMENT_VARIABLE)}, flow by flow. */
    public static List<String> missing(Binder binder) {
        RequiredSettings.Missing missing = new RequiredSettings.Missing();
        for (RequiredSettings flow : SpringFactoriesLoader.loadFactories(RequiredSettings.class, RequiredSettingsCheck.class.getClassLoader())) {
            flow.check(binder, missing);
        }
        return missing.names();
    }
}
