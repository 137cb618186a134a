package vn.lienthong.gateway.national.portal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

import vn.lienthong.gateway.mapping.MappingEntry;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingTable;
import vn.lienthong.gateway.mapping.Mappings;

/**
 * The portal's names and answer codes, read from mappings/national-portal-protocol.yaml and
 * mappings/national-portal-answer-codes.yaml, so that a province adapts to its interface by editing data.
 */
public final class PortalProtocol {
    public static final String PROTOCOL_TABLE = "national-portal-protocol";
    public static final String ANSWER_TABLE = "national-portal-answer-codes";

    /** What an error_code means for delivery. */
    public enum Outcome { SUCCESS, SESSION_EXPIRED, TRANSIENT, EXISTS, PERMANENT }

    private static final Set<String> REQUIRED = Set.of("path.login", "path.integration", "header.destination",
            "login.username", "login.password", "login.session", "request.session", "request.agency",
            "request.service", "request.updating", "request.data", "request.updating.create",
            "request.updating.update", "service.syncDossier", "service.progress", "answer.errorCode",
            "answer.message", "answer.results", "record.key", "record.databases", "record.databaseCode", "datetime.pattern",
            "datetime.zone");

    private final MappingTable protocol;
    private final MappingTable answers;
    private final DateTimeFormatter dateTime;

    private PortalProtocol(Mappings m) {
        this.protocol = m.table(PROTOCOL_TABLE);
        this.answers = m.table(ANSWER_TABLE);
        for (String k : REQUIRED) {
            if (protocol.find(k).isEmpty()) {
                throw new MappingException(protocol.file(), 0, "missing key '" + k + "'");
            }
        }
        for (MappingEntry e : answers.entries()) {
            String o = e.requireString("outcome");
            try {
                Outcome.valueOf(o);
            } catch (IllegalArgumentException bad) {
                throw new MappingException(answers.file(), e.line(), "unknown outcome '" + o + "' (known: SUCCESS, SESSION_EXPIRED, TRANSIENT, EXISTS, PERMANENT)");
            }
        }
        try {
            this.dateTime = DateTimeFormatter.ofPattern(get("datetime.pattern")).withZone(ZoneId.of(get("datetime.zone")));
        } catch (RuntimeException bad) {
            throw new MappingException(protocol.file(), protocol.find("datetime.pattern").get().line(), "bad date pattern or zone: " + bad.getMessage());
        }
    }

    public static PortalProtocol from(Mappings m) {
        return new PortalProtocol(m);
    }

    public String get(String key) {
        return protocol.setting(key);
    }

    public DateTimeFormatter dateTime() {
        return dateTime;
    }

    /** The meaning of an error_code; a code not in the table is TRANSIENT (retried, then DEAD at the limit). */
    public Outcome outcome(String code) {
        return answers.find(code).map(e -> Outcome.valueOf(e.string("outcome"))).orElse(Outcome.TRANSIENT);
    }

    public boolean known(String code) {
        return answers.find(code).isPresent();
    }
}
