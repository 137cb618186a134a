package vn.lienthong.gateway.catalogue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The catalogue's age and size and its last refresh, for JMX, metrics, alarms and /admin. The last refresh is
 * read from the database (any instance may have run it) at most once per {@code cacheFor}.
 */
public class CatalogueStatus {
    private final ProcedureCatalogue catalogue;
    private final CatalogueStore store;
    private final CatalogueRefresh refresh;
    private final Clock clock;
    private final Duration cacheFor;
    private final Instant startedAt;
    private volatile Optional<RefreshRecord> last = Optional.empty();
    private volatile Instant readAt = Instant.MIN;

    CatalogueStatus(ProcedureCatalogue catalogue, CatalogueStore store, CatalogueRefresh refresh, Clock clock, Duration cacheFor) {
        this.catalogue = catalogue;
        this.store = store;
        this.refresh = refresh;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.startedAt = clock.instant();
    }

    public CatalogueIndex index() {
        return catalogue.index();
    }

    /** Seconds since the last refresh that got the list; -1 while none did. */
    public long ageSeconds() {
        Instant at = catalogue.index().refreshedAt();
        return at == null ? -1 : Math.max(0, Duration.between(at, clock.instant()).toSeconds());
    }

    /** How long the copy has gone without a good refresh: its age, or since this instance started while it never had one. */
    public Duration staleFor() {
        Instant at = catalogue.index().refreshedAt();
        return Duration.between(at == null ? startedAt : at, clock.instant());
    }

    public boolean running() {
        return refresh.isRunning();
    }

    public Optional<RefreshRecord> lastRefresh() {
        Instant now = clock.instant();
        if (readAt.plus(cacheFor).isBefore(now)) {
            last = store.last(false);
            readAt = now;
        }
        return last;
    }

    /** Forgets the cached last refresh (after one of this instance). */
    void refreshed() {
        readAt = Instant.MIN;
    }
}
