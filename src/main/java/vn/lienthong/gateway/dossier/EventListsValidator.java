package vn.lienthong.gateway.dossier;

import static vn.lienthong.gateway.dossier.EventFields.bool;
import static vn.lienthong.gateway.dossier.EventFields.dateTime;
import static vn.lienthong.gateway.dossier.EventFields.objects;
import static vn.lienthong.gateway.dossier.EventFields.text;
import static vn.lienthong.gateway.dossier.EventFields.unknownFields;
import static vn.lienthong.gateway.dossier.EventFields.word;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.api.Violation;

/**
 * The rules of a dossier event's lists, each the dossier's whole current list (the portal keeps the latest
 * record): submitted documents, results, fees and supplement requests.
 */
final class EventListsValidator {
    private static final Set<String> DOCUMENT = Set.of("id", "name", "url", "digitised", "componentCode", "reuse",
            "fromCitizenStore", "replacedByResult");
    private static final Set<String> RESULT = Set.of("id", "name", "url", "code", "componentCode");
    private static final Set<String> FEE = Set.of("name", "code", "amount", "kind", "collection");
    private static final Set<String> SUPPLEMENT = Set.of("id", "requestedAt", "reason", "completedAt");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]{1,2000}");
    private static final int MAX_LIST = 100;
    /** A hundred thousand billion đồng: beyond any fee, within every number type on the way. */
    private static final long MAX_AMOUNT = 100_000_000_000_000L;

    private EventListsValidator() {
    }

    static void validate(JsonNode event, DossierVocabulary vocab, List<Violation> v) {
        eachObject(event, "documents", v, (d, p) -> {
            link(d, DOCUMENT, p, v);
            bool(d, "digitised", v, p);
            text(d, "componentCode", false, 100, v, p);
            word(d, "reuse", vocab.words("documents[].reuse"), "document-reuse.unknown", v, p);
            bool(d, "fromCitizenStore", v, p);
            text(d, "replacedByResult", false, 100, v, p);
        });
        eachObject(event, "results", v, (r, p) -> {
            link(r, RESULT, p, v);
            text(r, "code", false, 100, v, p);
            text(r, "componentCode", false, 100, v, p);
        });
        eachObject(event, "fees", v, (f, p) -> fee(f, p, vocab, v));
        supplements(event, v);
    }

    /** Runs {@code rules} on each object item of the list, with its path prefix ({@code documents[2].}). */
    private static void eachObject(JsonNode event, String name, List<Violation> v, BiConsumer<JsonNode, String> rules) {
        JsonNode list = objects(event, name, MAX_LIST, v);
        for (int i = 0; list != null && i < list.size(); i++) {
            if (list.get(i).isObject()) {
                rules.accept(list.get(i), name + "[" + i + "].");
            }
        }
    }

    /** A file: its name and its absolute http(s) link (files travel as links), and an optional id. */
    private static void link(JsonNode d, Set<String> fields, String p, List<Violation> v) {
        unknownFields(d, fields, p, v);
        text(d, "id", false, 100, v, p);
        text(d, "name", true, 255, v, p);
        String url = text(d, "url", true, 2000, v, p);
        if (url != null && !URL.matcher(url).matches()) {
            v.add(Violation.of(p + "url", "url.format", "url is an absolute http(s) link: files travel as links, never as bytes"));
        }
    }

    private static void fee(JsonNode f, String p, DossierVocabulary vocab, List<Violation> v) {
        unknownFields(f, FEE, p, v);
        text(f, "name", true, 500, v, p);
        text(f, "code", false, 100, v, p);
        JsonNode amount = f.get("amount");
        if (amount == null || amount.isNull()) {
            v.add(Violation.of(p + "amount", "required", "amount is required"));
        } else if (!amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() < 0 || amount.asLong() > MAX_AMOUNT) {
            v.add(Violation.of(p + "amount", "amount.non-negative-integer", "amount is a whole number of đồng, 0 or more"));
        }
        word(f, "kind", vocab.words("fees[].kind"), "fee-kind.unknown", v, p);
        word(f, "collection", vocab.words("fees[].collection"), "fee-collection.unknown", v, p);
    }

    /**
     * Supplement requests in the order they were made; each completed one has its completion, no earlier than
     * its request. Only the latest may still be open: the portal's on-time rule subtracts each request's time.
     */
    private static void supplements(JsonNode event, List<Violation> v) {
        JsonNode list = objects(event, "supplements", MAX_LIST, v);
        OffsetDateTime previous = null;
        for (int i = 0; list != null && i < list.size(); i++) {
            JsonNode s = list.get(i);
            if (!s.isObject()) {
                continue;
            }
            String p = "supplements[" + i + "].";
            unknownFields(s, SUPPLEMENT, p, v);
            text(s, "id", false, 100, v, p);
            text(s, "reason", false, 2000, v, p);
            OffsetDateTime requested = dateTime(s, "requestedAt", true, v, p);
            OffsetDateTime completed = dateTime(s, "completedAt", false, v, p);
            if (requested != null && completed != null && completed.isBefore(requested)) {
                v.add(Violation.of(p + "completedAt", "supplement.completed-before-requested",
                        "completedAt is not before requestedAt"));
            }
            if (requested != null && previous != null && requested.isBefore(previous)) {
                v.add(Violation.of(p + "requestedAt", "supplements.order", "supplements are listed in the order they were requested"));
            }
            if (!s.hasNonNull("completedAt") && i < list.size() - 1) {
                v.add(Violation.of(p + "completedAt", "supplements.open-not-last",
                        "only the latest supplement request may still be open: give completedAt"));
            }
            previous = requested == null ? previous : requested;
        }
    }
}
