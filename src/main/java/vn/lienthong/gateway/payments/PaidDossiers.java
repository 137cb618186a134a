package vn.lienthong.gateway.payments;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.dossier.PlatformPayments;

/** The fees of a dossier's PAID transaction, collected ONLINE, for the dossier's next record. */
class PaidDossiers implements PlatformPayments {
    private final Transactions txs;
    private final ObjectMapper json;

    PaidDossiers(Transactions txs, ObjectMapper json) {
        this.txs = txs;
        this.json = json;
    }

    @Override
    public Optional<JsonNode> paidFees(String dossierCode) {
        for (Transactions.Tx t : txs.ofDossier(dossierCode)) {
            if (t.state() == Transactions.State.PAID) {
                ArrayNode out = json.createArrayNode();
                try {
                    for (JsonNode f : json.readTree(t.fees())) {
                        ObjectNode o = ((ObjectNode) f.deepCopy()).put("collection", "ONLINE");
                        out.add(o);
                    }
                } catch (IOException e) {
                    return Optional.of(out);
                }
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }
}
