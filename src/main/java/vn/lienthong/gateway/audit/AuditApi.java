package vn.lienthong.gateway.audit;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.identifiers.Identifiers;

/** GET /admin/audit?personalId=… (scope admin): who accessed a person's data, when and why. */
public class AuditApi {
    private final AuditLog audit;
    private final ObjectMapper json;
    private final int maxRows;

    public AuditApi(AuditLog audit, ObjectMapper json, int maxRows) {
        this.audit = audit;
        this.json = json;
        this.maxRows = maxRows;
    }

    public ApiReply subjectAccess(ApiRequest request) {
        String id = request.header("personalId");
        if (id == null || !id.matches("\\d{12}")) {
            return ApiReply.invalid(List.of(Violation.of("personalId", "personal-id.format", "query parameter personalId is 12 digits")));
        }
        List<AuditEntry> rows = audit.accessesTo(id, maxRows);
        ObjectNode out = json.createObjectNode();
        out.put("subject", Identifiers.mask(id));
        out.put("count", rows.size());
        ArrayNode arr = out.putArray("accesses");
        for (AuditEntry e : rows) {
            arr.addObject().put("at", e.at().toString()).put("client", e.clientId()).put("officer", e.officerId())
                    .put("purpose", e.purpose()).put("dossierCode", e.dossierCode()).put("operation", e.operation())
                    .put("outcome", e.outcome()).put("status", e.httpStatus())
                    .put("correlationId", e.correlationId());
        }
        return ApiReply.json(200, out);
    }
}
