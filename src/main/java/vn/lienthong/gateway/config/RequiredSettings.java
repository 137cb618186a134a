package vn.lienthong.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * What one flow cannot run without outside the sandbox (national addresses, credentials, keys). Each flow names its
 * own in a class of its package, listed in META-INF/spring.factories; {@link RequiredSettingsCheck} asks them all
 * before any bean is made, and the gateway refuses to start naming every missing setting with its environment
 * variable at once. The sandbox profile supplies simulator values; nothing else does, so the gateway never
 * delivers to a simulator by accident.
 */
public interface RequiredSettings {

    /** Notes in {@code missing} each of this flow's settings that has no value, reading them through {@code binder}. */
    void check(Binder binder, Missing missing);

    /** A flow's settings as they will be bound, or their defaults when none of its keys is set. */
    static <T> T bind(Binder binder, String prefix, Class<T> type) {
        return binder.bind(prefix, Bindable.of(type)).orElseGet(() -> BeanUtils.instantiateClass(type));
    }

    /** The settings found missing so far, each as {@code key (ENVIRONMENT_VARIABLE)}. */
    final class Missing {
        private final List<String> names = new ArrayList<>();

        /** Notes {@code key} when {@code value} is empty. */
        public void require(String key, String value) {
            if (value == null || value.isBlank()) {
                names.add(key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")");
            }
        }

        public List<String> names() {
            return List.copyOf(names);
        }
    }

    /** Reported by {@link MissingSettingsFailureAnalyzer} as a short list instead of a stack trace. */
    class MissingSettingsException extends IllegalStateException {
        private final List<String> missing;

        public MissingSettingsException(List<String> missing) {
            super("missing required settings: " + String.join(", ", missing));
            this.missing = List.copyOf(missing);
        }

        public List<String> missing() {
            return missing;
        }
    }
}
