package vn.lienthong.gateway.delivery;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** An administrator's changes to dead or waiting events: replay, replay all, skip; each durable before it is answered. */
final class AdminChanges {

    private final StoreDialect db;

    AdminChanges(StoreDialect db) {
        this.db = db;
    }

    boolean replay(String destination, long id) {
        return db.durable(db.jdbc.update("UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now,"
                        + " last_error = " + concat("'replayed by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE id = :id AND destination = :dest AND state = 'DEAD'",
                new MapSqlParameterSource("now", db.now()).addValue("id", id).addValue("dest", destination))) == 1;
    }

    int replayAllDead(String destination) {
        return db.durable(db.jdbc.update("UPDATE delivery_event SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, updated_at = :now,"
                        + " last_error = " + concat("'replayed by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE destination = :dest AND state = 'DEAD'",
                new MapSqlParameterSource("now", db.now()).addValue("dest", destination)));
    }

    boolean skip(String destination, long id) {
        return db.durable(db.jdbc.update("UPDATE delivery_event SET state = 'SKIPPED', updated_at = :now, lease_until = NULL,"
                        + " last_error = " + concat("'skipped by administrator; was: '", "COALESCE(last_error, '')")
                        + " WHERE id = :id AND destination = :dest AND state IN ('DEAD','RETRY_SCHEDULED','QUEUED')",
                new MapSqlParameterSource("now", db.now()).addValue("id", id).addValue("dest", destination))) == 1;
    }

    private static String concat(String a, String b) {
        return "CONCAT(" + a + ", " + b + ")";
    }
}
