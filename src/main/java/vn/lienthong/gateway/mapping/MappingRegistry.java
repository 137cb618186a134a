package vn.lienthong.gateway.mapping;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Holds the mappings in use and swaps them only for a set that passed every check. */
public class MappingRegistry {
    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    private final String location;
    private final List<MappingCheck> checks = new CopyOnWriteArrayList<>();
    private final AtomicReference<Mappings> current = new AtomicReference<>();
    private final List<Consumer<Mappings>> listeners = new CopyOnWriteArrayList<>();

    public MappingRegistry(String location, List<MappingCheck> checks) {
        this.location = location;
        this.checks.addAll(checks);
        Mappings first = loadChecked();
        current.set(first);
        log.info("mappings loaded from {}: {}", location, first.versions());
    }

    public Mappings current() {
        return current.get();
    }

    /** Loads, checks and, only if every check passes, switches to the new mappings. */
    public synchronized Mappings reload() {
        Mappings next = loadChecked();
        current.set(next);
        listeners.forEach(l -> l.accept(next));
        log.info("mappings reloaded from {}: {}", location, next.versions());
        return next;
    }

    /**
     * Adds a flow's check of the tables it relies on: run at once on the mappings in use (a flow package's start-up
     * check, failing it with file, line and reason) and before every later reload, which it refuses like the others.
     */
    public void addCheck(MappingCheck check) {
        check.check(current.get());
        checks.add(check);
    }

    /** Called with each new snapshot, for flows that keep derived views. */
    public void onChange(Consumer<Mappings> listener) {
        listeners.add(listener);
        listener.accept(current.get());
    }

    private Mappings loadChecked() {
        Mappings candidate = MappingLoader.load(location);
        for (MappingCheck check : checks) {
            check.check(candidate);
        }
        return candidate;
    }
}
