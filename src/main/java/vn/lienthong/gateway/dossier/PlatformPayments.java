package vn.lienthong.gateway.dossier;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the payment flow knows of a dossier's fees paid through the national payment platform: the fees of its paid
 * transaction in the dossier event's {@code fees} shape (name, code, amount, collection), or empty when none was paid
 * there. The dossier's next record then carries them and DuocThanhToanTrucTuyen 1.
 */
@FunctionalInterface
public interface PlatformPayments {
    PlatformPayments NONE = dossierCode -> Optional.empty();

    Optional<JsonNode> paidFees(String dossierCode);
}
