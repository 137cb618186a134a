package vn.lienthong.gateway.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.Mappings;
import vn.lienthong.gateway.national.portal.NationalPortalClient;
import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.portal.PortalProtocol;
import vn.lienthong.gateway.national.portal.PortalQuota;

/**
 * The catalogue's four portal services, in the session envelope over the guarded portal route (quota, breaker,
 * re-login: {@link NationalPortalClient}). Calls are background calls: they take the quota delivery leaves.
 * Answers it cannot use are {@link CatalogueAnswerException}s saying why.
 */
final class CataloguePortal {
    static final String LIST = "service.catalogueList";
    static final String PROCEDURE = "service.catalogueProcedure";
    static final String DOMAINS = "service.catalogueDomains";
    static final String AGENCIES = "service.catalogueAgencies";
    private static final String[] KEYS = {LIST, PROCEDURE, DOMAINS, AGENCIES, "request.procedureCode", "request.page",
            "request.pageSize"};
    /** A paged list stops here whatever the portal says (a portal that ignores the page would loop forever). */
    private static final int MAX_PAGES = 1000;

    private final NationalPortalClient client;
    private final Supplier<PortalProtocol> protocol;
    private final CatalogueProperties cfg;
    private final AtomicInteger calls = new AtomicInteger();

    CataloguePortal(NationalPortalClient client, Supplier<PortalProtocol> protocol, CatalogueProperties cfg) {
        this.client = client;
        this.protocol = protocol;
        this.cfg = cfg;
    }

    /** Start-up and reload check: the catalogue's names are in mappings/national-portal-protocol.yaml. */
    static void check(Mappings m) {
        PortalProtocol p = PortalProtocol.from(m);
        for (String key : KEYS) {
            try {
                p.get(key);
            } catch (RuntimeException missing) {
                throw new MappingException(m.table(PortalProtocol.PROTOCOL_TABLE).file(), 0, "missing key '" + key + "'");
            }
        }
    }

    /** A whole list (every page when gateway.catalogue.page-size is set): the {@code result} entries. */
    JsonNode list(String serviceKey) {
        PortalProtocol p = protocol.get();
        String path = cfg.getSharePath() == null || cfg.getSharePath().isBlank() ? p.get("path.integration") : cfg.getSharePath();
        if (cfg.getPageSize() <= 0) {
            return result(p, call(p, path, serviceKey, Map.of()));
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (int page = 1; page <= MAX_PAGES; page++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(p.get("request.page"), String.valueOf(page));
            fields.put(p.get("request.pageSize"), String.valueOf(cfg.getPageSize()));
            JsonNode result = result(p, call(p, path, serviceKey, fields));
            if (!result.isArray()) {
                return result;
            }
            all.addAll((ArrayNode) result);
            if (result.size() < cfg.getPageSize()) {
                return all;
            }
        }
        throw Lenient.malformed("the list did not end within " + MAX_PAGES + " pages");
    }

    /** LayThuTuc for one code: its {@code result}. */
    JsonNode procedure(String code) {
        PortalProtocol p = protocol.get();
        return result(p, call(p, p.get("path.integration"), PROCEDURE, Map.of(p.get("request.procedureCode"), code)));
    }

    /** Portal calls made so far (logins excluded). */
    int calls() {
        return calls.get();
    }

    private JsonNode call(PortalProtocol p, String path, String serviceKey, Map<String, String> fields) {
        calls.incrementAndGet();
        try {
            return PortalQuota.inBackground(() -> client.read(path, p.get(serviceKey), cfg.getAgency(), fields));
        } catch (NationalFailure e) {
            throw new CatalogueAnswerException(CatalogueAnswerException.Kind.UNAVAILABLE, e.getMessage());
        }
    }

    private static JsonNode result(PortalProtocol p, JsonNode answer) {
        String code = NationalPortalClient.code(p, answer);
        if (p.outcome(code) != PortalProtocol.Outcome.SUCCESS) {
            String message = NationalPortalClient.message(p, answer);
            throw new CatalogueAnswerException(CatalogueAnswerException.Kind.REFUSED, "error_code " + code
                    + (message.isBlank() ? "" : " (" + Lenient.cut(message, 200) + ")"));
        }
        JsonNode result = answer.get(p.get("answer.results"));
        return result == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : result;
    }
}
