package vn.lienthong.gateway.delivery;

/** What storing an event came to: new, an exact repeat of a stored one, or a different body under a known key. */
public record AcceptOutcome(Kind kind, StoredEvent event) {
    public enum Kind { ACCEPTED, DUPLICATE, CONFLICT }

    public static AcceptOutcome of(StoredEvent existing, String requestHash, boolean isNew) {
        if (isNew) {
            return new AcceptOutcome(Kind.ACCEPTED, existing);
        }
        return new AcceptOutcome(existing.requestHash().equals(requestHash) ? Kind.DUPLICATE : Kind.CONFLICT, existing);
    }
}
