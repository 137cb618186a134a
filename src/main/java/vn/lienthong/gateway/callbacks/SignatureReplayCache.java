package vn.lienthong.gateway.callbacks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The signatures of the callbacks taken within the clock-skew window (table callback_signature, shared by every
 * instance). A valid signature seen before under another message id is a replay: the portal repeats a callback under
 * its own message id, and a new timestamp gives a new signature. Rows whose timestamp has left the window, where the
 * signature check refuses them anyway, are deleted every {@value #PURGE_EVERY} callbacks.
 */
public class SignatureReplayCache {
    static final int PURGE_EVERY = 100;

    private final JdbcTemplate jdbc;
    private final Duration window;
    private final Clock clock;
    private final AtomicLong uses = new AtomicLong();

    public SignatureReplayCache(DataSource dataSource, Duration maxClockSkew, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        // Twice the skew: a timestamp from the future is accepted as long as one from the past.
        this.window = maxClockSkew.multipliedBy(2);
        this.clock = clock;
    }

    /** Records the signature's use; false when it was used before under another message id. */
    public boolean firstUseOrRepeat(String signature, String messageId, long signedAtEpochSecond) {
        String sig = signature.trim().toLowerCase();
        if (uses.incrementAndGet() % PURGE_EVERY == 0) {
            jdbc.update("DELETE FROM callback_signature WHERE signed_at < ?", Timestamp.from(clock.instant().minus(window)));
        }
        try {
            jdbc.update("INSERT INTO callback_signature (signature, message_id, signed_at) VALUES (?,?,?)", sig, messageId,
                    Timestamp.from(Instant.ofEpochSecond(signedAtEpochSecond)));
            return true;
        } catch (DuplicateKeyException seen) {
            List<String> first = jdbc.queryForList("SELECT message_id FROM callback_signature WHERE signature = ?", String.class, sig);
            return first.isEmpty() || first.get(0).equals(messageId);
        }
    }
}
