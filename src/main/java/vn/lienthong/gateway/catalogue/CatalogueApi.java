package vn.lienthong.gateway.catalogue;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

import vn.lienthong.gateway.api.HttpReply;
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
    public void summary(Exchange ex) {
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
        HttpReply.json(ex, 200, out);
    }

    /**
     * POST /admin/catalogue/refresh: refreshes now and answers what changed (200, also when some procedures kept
     * their previous copy); 502 when the portal gave no usable list (nothing changed); 409 while another refresh runs.
     */
    public void refresh(Exchange ex) {
        RefreshReport r = refresh.refresh(CatalogueRefresh.Trigger.ADMIN);
        switch (r.outcome()) {
            case OK, PARTIAL -> HttpReply.json(ex, 200, r.toJson());
            case FAILED -> {
                ObjectNode p = Problem.of(502, "catalogue-refresh-failed", "Catalogue refresh failed", r.error());
                p.set("refresh", r.toJson());
                HttpReply.problem(ex, p);
            }
            case SKIPPED -> HttpReply.problem(ex, Problem.of(409, "catalogue-refresh-running", "A refresh is running", r.error()
                    + "; its result will be at GET /admin/catalogue"));
        }
    }

    /** GET /admin/catalogue/procedures/{code}: what an event with this code would get, and the procedure's details. */
    public void procedure(Exchange ex) {
        String code = ex.getMessage().getHeader("code", String.class);
        Resolution r = catalogue.resolve(code);
        if (r.procedure() == null) {
            HttpReply.problem(ex, Problem.of(404, "not-found", "Unknown procedure", r.violation("code").message()));
            return;
        }
        ObjectNode out = json.createObjectNode();
        out.put("code", code);
        out.put("outcome", r.outcome().name());
        out.set("procedure", json.valueToTree(r.procedure()));
        if ("true".equals(ex.getMessage().getHeader("raw", String.class))) {
            out.set("raw", catalogue.rawAnswer(r.procedure().code()).map(this::parse).orElse(null));
        }
        HttpReply.json(ex, 200, out);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
