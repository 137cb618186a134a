package vn.lienthong.gateway.catalogue;

/** A catalogue answer the gateway cannot use; the copy it would have replaced stays. */
public class CatalogueAnswerException extends RuntimeException {
    /** Why, as counted in the refresh report. */
    public enum Kind {
        /** The portal answered an error_code other than 0. */
        REFUSED,
        /** No result, or an empty one. */
        EMPTY,
        /** A result of the wrong shape: a missing code or name, a list that is not a list, a code too long. */
        MALFORMED,
        /** No answer: the portal unreachable, its breaker open, the quota used, a 5xx. */
        UNAVAILABLE
    }

    private final Kind kind;

    public CatalogueAnswerException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
