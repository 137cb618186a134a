package vn.lienthong.gateway.catalogue;

import static vn.lienthong.gateway.catalogue.Lenient.code;
import static vn.lienthong.gateway.catalogue.Lenient.cut;
import static vn.lienthong.gateway.catalogue.Lenient.malformed;
import static vn.lienthong.gateway.catalogue.Lenient.text;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.delivery.RequestHash;

/**
 * Reads one LayThuTuc {@code result} (procedure-catalogue.md) into a {@link CatalogueProcedure}, or refuses it
 * whole: a procedure is stored complete or not at all. Field names are the union of what the production
 * clients read; where they disagree (URL/Url) both are read.
 */
final class ProcedureParser {
    static final int MAX_RAW_CHARS = 1_048_576;
    static final int MAX_CODE = 60;
    private static final int MAX_ITEM_CODE = 100;

    /** A usable answer: the procedure, its TRANGTHAI, and the raw result with its content hash. */
    record Parsed(CatalogueProcedure procedure, String publication, boolean published, String raw, String hash) {
    }

    private ProcedureParser() {
    }

    static Parsed parse(String requested, JsonNode result) {
        if (result == null || result.isNull() || result.isMissingNode() || (result.isArray() && result.isEmpty())) {
            throw new CatalogueAnswerException(CatalogueAnswerException.Kind.EMPTY, "LayThuTuc answered no result");
        }
        if (!result.isArray()) {
            throw malformed("result is not a list");
        }
        JsonNode p = result.get(0);
        if (!p.isObject()) {
            throw malformed("result[0] is not an object");
        }
        String code = code(p, "MATTHC", MAX_CODE);
        if (code == null) {
            throw malformed("MATTHC is missing");
        }
        if (!sameProcedure(requested, code)) {
            throw malformed("the answer is for MATTHC " + code + ", not " + requested);
        }
        String name = text(p, "TENTTHC");
        if (name == null) {
            throw malformed("TENTTHC is missing");
        }
        String publication = text(p, "TRANGTHAI");
        Integer state = Lenient.integer(publication);
        if (publication != null && state == null) {
            throw malformed("TRANGTHAI '" + cut(publication, 20) + "' is not a number");
        }
        String raw = p.toString();
        if (raw.length() > MAX_RAW_CHARS) {
            throw malformed("the answer is larger than " + MAX_RAW_CHARS + " characters");
        }
        String domainCode = null;
        String domainName = null;
        List<JsonNode> domains = list(p, "LINHVUCTHUCHIEN");
        if (!domains.isEmpty()) {
            domainCode = code(domains.get(0), "MALINHVUC", MAX_CODE);
            domainName = cut(text(domains.get(0), "TENLINHVUC"), 500);
        }
        CatalogueProcedure procedure = new CatalogueProcedure(requested, cut(name, 1000), domainCode, domainName,
                false, null, true, components(p), results(p), processing(p));
        // Without TRANGTHAI nothing says the procedure is not public: it stays published (a peer reads 1 as published).
        return new Parsed(procedure, publication == null ? null : cut(publication, 20), state == null || state == 1,
                raw, RequestHash.of(p));
    }

    /** The portal may answer a local instance's code with its bare national code, or the other way round. */
    private static boolean sameProcedure(String requested, String answered) {
        return requested.equals(answered) || requested.startsWith(answered + ".") || answered.startsWith(requested + ".");
    }

    private static List<CatalogueProcedure.Component> components(JsonNode p) {
        List<CatalogueProcedure.Component> out = new ArrayList<>();
        for (JsonNode c : list(p, "THANHPHANHOSO")) {
            String caseName = cut(text(c, "TRUONGHOP"), 2000);
            for (JsonNode g : list(c, "GIAYTO")) {
                String name = text(g, "TENGIAYTO");
                if (name == null) {
                    throw malformed("THANHPHANHOSO GIAYTO without TENGIAYTO");
                }
                out.add(new CatalogueProcedure.Component(caseName, code(g, "MAGIAYTO", MAX_ITEM_CODE), cut(name, 2000),
                        code(g, "MA_KQ_THAYTHE", MAX_ITEM_CODE), Lenient.integer(text(g, "SOBANCHINH")),
                        Lenient.integer(text(g, "SOBANSAO")), cut(text(g, "TENMAUDON"), 1000), cut(text(g, "URL", "Url"), 2000)));
            }
        }
        return out;
    }

    private static List<CatalogueProcedure.Result> results(JsonNode p) {
        List<CatalogueProcedure.Result> out = new ArrayList<>();
        for (JsonNode r : list(p, "KETQUATHUCHIEN")) {
            String name = text(r, "TENKETQUA");
            if (name == null) {
                throw malformed("KETQUATHUCHIEN entry without TENKETQUA");
            }
            out.add(new CatalogueProcedure.Result(code(r, "MAKETQUA", MAX_ITEM_CODE), cut(name, 2000),
                    cut(text(r, "TENTEP"), 1000), cut(text(r, "URL", "Url"), 2000)));
        }
        return out;
    }

    private static List<CatalogueProcedure.Processing> processing(JsonNode p) {
        List<CatalogueProcedure.Processing> out = new ArrayList<>();
        for (JsonNode way : list(p, "CACHTHUCTHUCHIEN")) {
            Integer channel = Lenient.integer(text(way, "KENH"));
            for (JsonNode t : list(way, "THOIGIAN")) {
                List<CatalogueProcedure.Fee> fees = new ArrayList<>();
                for (JsonNode f : list(t, "PHILEPHI")) {
                    fees.add(new CatalogueProcedure.Fee(code(f, "MAPHILEPHI", MAX_ITEM_CODE), Lenient.decimal(text(f, "SOTIEN")),
                            cut(text(f, "DONVI"), 200), cut(text(f, "MOTA"), 4000)));
                }
                out.add(new CatalogueProcedure.Processing(channel, Lenient.decimal(text(t, "THOIGIANGIAIQUYET")),
                        cut(text(t, "DONVITINH"), 200), cut(text(t, "MOTA"), 4000), fees));
            }
        }
        return out;
    }

    /** The objects of a list field; absent or null is an empty list, anything but a list of objects is malformed. */
    static List<JsonNode> list(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw malformed(field + " is not a list");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw malformed(field + " holds something that is not an object");
            }
            out.add(e);
        }
        return out;
    }
}
