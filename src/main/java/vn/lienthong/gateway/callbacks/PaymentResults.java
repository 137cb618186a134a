package vn.lienthong.gateway.callbacks;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The payment transactions this gateway opened with the national payment platform, as the portal's THANH_TOAN items
 * meet them: an item whose MaThamChieu names one settles that transaction (one effect with the platform's confirm and
 * QUERY) instead of being relayed on its own. Empty: not one of ours, relayed as a payment made elsewhere.
 */
@FunctionalInterface
public interface PaymentResults {
    PaymentResults NONE = (data, paid) -> Optional.empty();

    /** {@code data}: the valid item's DuLieu; {@code paid}: whether its status word is PAID. */
    Optional<CallbackService.Result> apply(JsonNode data, boolean paid);
}
