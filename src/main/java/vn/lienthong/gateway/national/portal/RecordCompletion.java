package vn.lienthong.gateway.national.portal;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Completes dossier records right before they are sent with what only the gateway knows at that moment (the
 * national databases a dossier used, DSKetNoiCSDL), for all the records of one delivery round at once.
 */
@FunctionalInterface
public interface RecordCompletion {
    RecordCompletion NONE = records -> { };

    /** Fills in the records; throws when what they need cannot be read (the round is then retried). */
    void complete(List<ObjectNode> records);
}
