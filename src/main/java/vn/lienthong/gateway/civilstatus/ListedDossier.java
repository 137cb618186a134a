package vn.lienthong.gateway.civilstatus;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One item of LayDanhSachHoSo: which dossier waits, for which unit and procedure. Kept as the intake event's payload
 * (in the gateway's own names, so a later change of mappings/ does not alter it).
 */
record ListedDossier(String id, String portalCode, String unitCode, String procedure, String module, String receivedAt,
                     String account) {
    /** A portal code as the gateway keys, logs and links it: letters, digits and . _ : - only. */
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,99}");

    /** The item, or null when it lacks what identifies a dossier (then it can be neither held nor acknowledged). */
    static ListedDossier from(JsonNode item, CivilStatusVocabulary v) {
        String code = text(item, v.get("item.code"));
        String id = text(item, v.get("item.id"));
        if (code == null || !CODE.matcher(code).matches() || id == null || id.length() > 100) {
            return null;
        }
        return new ListedDossier(id, code, text(item, v.get("item.unit")), text(item, v.get("item.procedure")),
                text(item, v.get("item.module")), text(item, v.get("item.receivedAt")), text(item, v.get("item.account")));
    }

    private static String text(JsonNode item, String field) {
        JsonNode n = item.get(field);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.isNumber() ? n.asText() : n.isTextual() ? n.textValue() : null;
        return s == null || s.length() > 200 ? null : s;
    }

    String toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id).put("portalCode", portalCode).put("unitCode", unitCode).put("procedure", procedure)
                .put("module", module).put("receivedAt", receivedAt).put("account", account);
        return o.toString();
    }

    static ListedDossier fromJson(JsonNode o) {
        return new ListedDossier(o.path("id").asText(), o.path("portalCode").asText(), o.path("unitCode").asText(null),
                o.path("procedure").asText(null), o.path("module").asText(null), o.path("receivedAt").asText(null),
                o.path("account").asText(null));
    }
}
