package vn.lienthong.gateway.citizen;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.mapping.MappingRegistry;

/**
 * The current {@link LookupVocabulary}. Built from the registry's mappings at start-up, where a bad table
 * stops the start; rebuilt on every reload, where a bad table is logged and the previous view stays.
 */
public class LookupVocabularies implements Supplier<LookupVocabulary> {
    private static final Logger log = LoggerFactory.getLogger(LookupVocabularies.class);
    private final AtomicReference<LookupVocabulary> current = new AtomicReference<>();

    public LookupVocabularies(MappingRegistry registry) {
        current.set(LookupVocabulary.from(registry.current()));
        registry.onChange(m -> {
            try {
                current.set(LookupVocabulary.from(m));
            } catch (RuntimeException e) {
                log.error("lookup tables of the reloaded mappings are invalid, lookups keep the previous ones: {}", e.getMessage());
            }
        });
    }

    @Override
    public LookupVocabulary get() {
        return current.get();
    }
}
