package vn.lienthong.gateway.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one refresh found and changed, filled in by its workers as they go: the refresh's answer (JMX, /admin),
 * its log line and its catalogue_refresh row.
 */
public final class RefreshReport {
    /** Codes listed in the answer and the stored report per kind of change; the counts are always whole. */
    static final int MAX_CODES = 300;

    public enum Outcome {
        /** Every procedure answered. */
        OK,
        /** The list was got; some procedures kept their previous copy (their LayThuTuc failed). */
        PARTIAL,
        /** The list could not be got: nothing changed. */
        FAILED,
        /** Not run: another refresh holds the lock. */
        SKIPPED
    }

    /** A procedure whose LayThuTuc answer could not be used; its previous copy (if any) stays. */
    public record Failure(String code, CatalogueAnswerException.Kind kind, String reason) {
    }

    private final long id;
    private final String triggeredBy;
    private final String instance;
    private final Instant startedAt;
    private final List<String> added = Collections.synchronizedList(new ArrayList<>());
    private final List<String> changed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> withdrawn = Collections.synchronizedList(new ArrayList<>());
    private final List<Failure> failed = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unchanged = new AtomicInteger();
    private volatile int listed;
    private volatile int withdrawalsHeldBack;
    private volatile int calls;
    private volatile Outcome outcome;
    private volatile String error;
    private volatile Instant finishedAt;

    RefreshReport(long id, String triggeredBy, String instance, Instant startedAt) {
        this.id = id;
        this.triggeredBy = triggeredBy;
        this.instance = instance;
        this.startedAt = startedAt;
    }

    /** The answer to a trigger while another refresh holds the lock ({@code holder}: its instance, if known). */
    static RefreshReport skipped(String triggeredBy, String instance, Instant at, String holder) {
        RefreshReport r = new RefreshReport(0, triggeredBy, instance, at);
        r.outcome = Outcome.SKIPPED;
        r.error = "another refresh is running" + (holder == null ? "" : " on " + holder);
        r.finishedAt = at;
        return r;
    }

    void listed(int n) { listed = n; }
    void added(String code) { added.add(code); }
    void changed(String code) { changed.add(code); }
    void withdrawn(String code) { withdrawn.add(code); }
    void countUnchanged() { unchanged.incrementAndGet(); }
    void failed(String code, CatalogueAnswerException.Kind kind, String reason) { failed.add(new Failure(code, kind, reason)); }
    void note(String note) { notes.add(note); }
    void withdrawalsHeldBack(int n) { withdrawalsHeldBack = n; }

    void finish(Outcome o, String why, int callsMade, Instant at) {
        outcome = o;
        error = why;
        calls = callsMade;
        finishedAt = at;
    }

    public long id() { return id; }
    public Outcome outcome() { return outcome; }
    public int listed() { return listed; }
    public List<String> added() { return List.copyOf(added); }
    public List<String> changed() { return List.copyOf(changed); }
    public List<String> withdrawn() { return List.copyOf(withdrawn); }
    public List<Failure> failed() { return List.copyOf(failed); }
    public int unchanged() { return unchanged.get(); }
    public int calls() { return calls; }
    public String error() { return error; }
    public int withdrawalsHeldBack() { return withdrawalsHeldBack; }

    public double seconds() {
        return finishedAt == null ? 0 : Duration.between(startedAt, finishedAt).toMillis() / 1000.0;
    }

    /** One line for the log and the JMX operation's answer. */
    public String summary() {
        if (outcome == Outcome.SKIPPED || outcome == Outcome.FAILED) {
            return "catalogue refresh " + outcome + ": " + error;
        }
        return String.format("catalogue refresh %s #%d: listed=%d added=%d changed=%d withdrawn=%d unchanged=%d failed=%d"
                        + " calls=%d seconds=%.1f%s", outcome, id, listed, added.size(), changed.size(), withdrawn.size(),
                unchanged.get(), failed.size(), calls, seconds(),
                withdrawalsHeldBack > 0 ? " withdrawals_held_back=" + withdrawalsHeldBack : "");
    }

    /** The refresh's answer over /admin: counts, and the codes of each change and failure. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("outcome", outcome == null ? null : outcome.name());
        o.put("triggeredBy", triggeredBy);
        o.put("instance", instance);
        o.put("startedAt", startedAt.toString());
        o.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        o.put("seconds", seconds());
        o.put("listed", listed);
        o.put("added", added.size());
        o.put("changed", changed.size());
        o.put("withdrawn", withdrawn.size());
        o.put("unchanged", unchanged.get());
        o.put("failed", failed.size());
        o.put("withdrawalsHeldBack", withdrawalsHeldBack);
        o.put("calls", calls);
        o.put("error", error);
        o.setAll(details());
        return o;
    }

    /** The codes of each change and failure (at most {@value #MAX_CODES} of each) and the notes. */
    ObjectNode details() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ObjectNode codes = o.putObject("codes");
        codes(codes.putArray("added"), added());
        codes(codes.putArray("changed"), changed());
        codes(codes.putArray("withdrawn"), withdrawn());
        ArrayNode f = o.putArray("failures");
        failed().stream().limit(MAX_CODES).forEach(x -> f.addObject().put("code", x.code()).put("kind", x.kind().name())
                .put("reason", x.reason()));
        ArrayNode n = o.putArray("notes");
        List.copyOf(notes).forEach(n::add);
        return o;
    }

    String detailJson() {
        return details().toString();
    }

    private static void codes(ArrayNode into, List<String> codes) {
        codes.stream().sorted().limit(MAX_CODES).forEach(into::add);
    }
}
