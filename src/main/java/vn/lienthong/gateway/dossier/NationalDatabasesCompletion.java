package vn.lienthong.gateway.dossier;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.audit.NationalDataUse;
import vn.lienthong.gateway.national.portal.PortalProtocol;
import vn.lienthong.gateway.national.portal.RecordCompletion;

/**
 * Fills DSKetNoiCSDL of the dossier records of a delivery round: the national databases each dossier used
 * (NationalDataUse) that mappings/national-databases.yaml gives a portal code, in the table's order. It runs
 * when the records are sent rather than when the events are accepted: one query per round instead of one per
 * accepted event, and a lookup made after an event was accepted still counts for its record.
 */
public class NationalDatabasesCompletion implements RecordCompletion {
    private final NationalDataUse dataUse;
    private final Supplier<DossierVocabulary> vocabulary;
    private final Supplier<PortalProtocol> protocol;

    public NationalDatabasesCompletion(NationalDataUse dataUse, Supplier<DossierVocabulary> vocabulary,
                                       Supplier<PortalProtocol> protocol) {
        this.dataUse = dataUse;
        this.vocabulary = vocabulary;
        this.protocol = protocol;
    }

    @Override
    public void complete(List<ObjectNode> records) {
        if (records.isEmpty()) {
            return;
        }
        PortalProtocol p = protocol.get();
        String key = p.get("record.key");
        Map<String, String> codes = vocabulary.get().databaseCodes();
        Map<String, Set<String>> used = dataUse.databasesUsed(records.stream().map(r -> r.path(key).asText()).toList(),
                codes.keySet());
        for (ObjectNode record : records) {
            Set<String> systems = used.getOrDefault(record.path(key).asText(), Set.of());
            ArrayNode list = record.putArray(p.get("record.databases"));
            codes.forEach((system, code) -> {
                if (systems.contains(system)) {
                    list.addObject().put(p.get("record.databaseCode"), code);
                }
            });
        }
    }
}
