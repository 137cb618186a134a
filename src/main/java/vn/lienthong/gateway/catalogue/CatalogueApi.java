package vn.lienthong.gateway.catalogue;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Problem;

/** The /admin/catalogue routes (routes/catalogue.camel.yaml): the same view and operation as the Catalogue MBean. */
public class CatalogueApi {
    private final CatalogueStatus status;
    private final CatalogueRefresh refresh;
    private final ProcedureCatalogue catalogue;
    private final ObjectMapper json;

    CatalogueApi(CatalogueStatus status, CatalogueRefresh refresh, ProcedureCatalogue catalogue, ObjectMapper json) {
        this.status = status;
        this.refresh = refresh;
        this.catalogue = catalogue;
        this.json = json;
    }

    /** GET /admin/catalogue: size, age, and the last refresh of any instance with the codes it changed. */
    public ApiReply summary(ApiRequest request) {
        CatalogueIndex index = status.index();
        ObjectNode out = json.createObjectNode();
        out.put("loaded", index.loaded());
        out.put("refreshedAt", index.refreshedAt() == null ? null : index.refreshedAt().toString());
        out.put("ageSeconds", status.ageSeconds());
        out.put("procedures", index.size());
        out.put("published", index.published());
        out.put("withdrawn", index.size() - index.published());
        out.put("running", status.running());
        out.set("overridesNotInCatalogue", json.valueToTree(index.overridesNotInCatalogue()));
        status.lastRefresh().ifPresentOrElse(r -> {
            ObjectNode last = out.putObject("lastRefresh");
            last.put("id", r.id()).put("outcome", r.outcome() == null ? "RUNNING" : r.outcome())
                    .put("triggeredBy", r.triggeredBy()).put("instance", r.instance())
                    .put("startedAt", r.startedAt().toString())
                    .put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString())
                    .put("listed", r.listed()).put("added", r.added()).put("changed", r.changed())
                    .put("withdrawn", r.withdrawn()).put("unchanged", r.unchanged()).put("failed", r.failed())
                    .put("calls", r.calls()).put("error", r.error());
            if (r.report() != null) {
                last.setAll((ObjectNode) parse(r.report()));
            }
        }, () -> out.putNull("lastRefresh"));
        return ApiReply.json(200, out);
    }

    /**
     * POST /admin/catalogue/refresh: refreshes now and answers what changed (200, also when some procedures kept
     * their previous copy); 502 when the portal gave no usable list (nothing changed); 409 while another refresh runs.
     */
    public ApiReply refresh(ApiRequest request) {
        RefreshReport r = refresh.refresh(CatalogueRefresh.Trigger.ADMIN);
        return switch (r.outcome()) {
            case OK, PARTIAL -> ApiReply.json(200, r.toJson());
            case FAILED -> {
                ObjectNode p = Problem.of(502, "catalogue-refresh-failed", "Catalogue refresh failed", r.error());
                p.set("refresh", r.toJson());
                yield ApiReply.problem(p);
            }
            case SKIPPED -> ApiReply.problem(Problem.of(409, "catalogue-refresh-running", "A refresh is running", r.error()
                    + "; its result will be at GET /admin/catalogue"));
        };
    }

    /** GET /admin/catalogue/procedures/{code}: what an event with this code would get, and the procedure's details. */
    public ApiReply procedure(ApiRequest request) {
        String code = request.header("code");
        Resolution r = catalogue.resolve(code);
        if (r.procedure() == null) {
            return ApiReply.problem(Problem.of(404, "not-found", "Unknown procedure", r.violation("code").message()));
        }
        ObjectNode out = json.createObjectNode();
        out.put("code", code);
        out.put("outcome", r.outcome().name());
        out.set("procedure", json.valueToTree(r.procedure()));
        if ("true".equals(request.header("raw"))) {
            out.set("raw", catalogue.rawAnswer(r.procedure().code()).map(this::parse).orElse(null));
        }
        return ApiReply.json(200, out);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
