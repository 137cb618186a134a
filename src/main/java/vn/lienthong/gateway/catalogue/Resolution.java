package vn.lienthong.gateway.catalogue;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.Violation;

/**
 * What the catalogue says about a procedure code an event carries.
 *
 * @param procedure   the procedure (with the province's overrides) when FOUND or WITHDRAWN; null otherwise
 * @param catalogueAt when the copy last got the portal's list; null while it never did
 */
public record Resolution(Outcome outcome, String code, CatalogueProcedure procedure, Instant catalogueAt) {

    public enum Outcome {
        /** Published in the catalogue (or, before the first refresh, a seed of mappings/procedures.yaml). */
        FOUND,
        /** In the catalogue, but no longer listed or published. */
        WITHDRAWN,
        /** Not in the catalogue. */
        UNKNOWN,
        /** The catalogue was never refreshed and mappings/procedures.yaml has no seed for the code. */
        NOT_LOADED
    }

    /** The refusal of an event carrying this code in {@code field}, or null when it may be accepted. */
    public Violation violation(String field) {
        return switch (outcome) {
            case FOUND -> null;
            case WITHDRAWN -> Violation.unknown(field, "procedure-code.withdrawn", "procedure " + code
                    + " is withdrawn from the national procedure catalogue: " + procedure.withdrawnReason());
            case UNKNOWN -> Violation.unknown(field, "procedure-code.unknown", "procedure " + code
                    + " is not in the national procedure catalogue (copy of " + catalogueAt + ")");
            case NOT_LOADED -> Violation.unavailable(field, "procedure-code.catalogue-not-loaded",
                    "procedure " + code + " cannot be checked yet: the national procedure catalogue has not been loaded"
                            + " (its first refresh is pending); nothing was stored, send the event again later");
        };
    }

    /** The fields the portal record takes from the catalogue (TenTTHC, MaLinhVuc, TenLinhVuc), for the record template. */
    public ObjectNode recordFields() {
        if (procedure == null) {
            throw new IllegalStateException("procedure " + code + " is " + outcome + ": nothing to take from the catalogue");
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", procedure.code());
        o.put("procedureName", procedure.name());
        if (procedure.domainCode() != null) {
            o.put("fieldCode", procedure.domainCode());
        }
        if (procedure.domainName() != null) {
            o.put("fieldName", procedure.domainName());
        }
        return o;
    }
}
