package vn.lienthong.gateway.delivery;

/**
 * An accept whose commit was not confirmed: it waited longer than gateway.delivery.accept-timeout, or the writer
 * failed on an {@link Error}. When {@link #maybeStored()} is false the request was withdrawn before the writer took
 * it: nothing of it is stored. When true the writer had it: it may be committed, now or in a moment. Either way the
 * client is answered 503 and sends the same request again; its idempotency key (eventId, message id) makes that a
 * plain repeat if it was stored.
 */
public class AcceptUnconfirmedException extends RuntimeException {
    private final boolean maybeStored;

    public AcceptUnconfirmedException(String reason, boolean maybeStored) {
        super(reason + (maybeStored ? "; the request may have been stored" : "; nothing was stored"));
        this.maybeStored = maybeStored;
    }

    public boolean maybeStored() {
        return maybeStored;
    }
}
