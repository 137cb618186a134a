package vn.lienthong.gateway.catalogue;

import static vn.lienthong.gateway.catalogue.Lenient.code;
import static vn.lienthong.gateway.catalogue.Lenient.cut;
import static vn.lienthong.gateway.catalogue.Lenient.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the answers of the list services (LayDanhSachTTHC, LayDanhMucLinhVuc, LayDanhMucCoQuan). A result that
 * is not a list is refused whole; an entry without its code or name is skipped and counted, the rest is used.
 */
final class CatalogueLists {
    /** LayDanhSachTTHC entry. */
    record Listed(String code, String name) {
    }

    /** LayDanhMucLinhVuc entry: MALINHVUC, TENLINHVUC, MANGANH. */
    record Domain(String code, String name, String sector) {
    }

    /** LayDanhMucCoQuan entry: MADONVI, TENDONVI, CAPDONVI (a level read as an integer). */
    record Agency(String code, String name, Integer level) {
    }

    /** The usable entries by code (first of a repeated code wins), and what was skipped and why. */
    record Entries<T>(Map<String, T> byCode, List<String> skipped) {
    }

    private CatalogueLists() {
    }

    static Entries<Listed> procedures(JsonNode result) {
        return read(result, "MATTHC", e -> new Listed(code(e, "MATTHC", ProcedureParser.MAX_CODE), cut(text(e, "TENTTHC"), 1000)),
                Listed::code, Listed::name);
    }

    static Entries<Domain> domains(JsonNode result) {
        return read(result, "MALINHVUC", e -> new Domain(code(e, "MALINHVUC", 60), cut(text(e, "TENLINHVUC"), 500),
                code(e, "MANGANH", 60)), Domain::code, Domain::name);
    }

    static Entries<Agency> agencies(JsonNode result) {
        return read(result, "MADONVI", e -> new Agency(code(e, "MADONVI", 60), cut(text(e, "TENDONVI"), 500),
                Lenient.integer(text(e, "CAPDONVI"))), Agency::code, Agency::name);
    }

    private static <T> Entries<T> read(JsonNode result, String codeField, Function<JsonNode, T> reader,
                                       Function<T, String> code, Function<T, String> name) {
        if (result == null || result.isNull() || result.isMissingNode()) {
            throw new CatalogueAnswerException(CatalogueAnswerException.Kind.EMPTY, "the answer has no result");
        }
        if (!result.isArray()) {
            throw Lenient.malformed("result is not a list");
        }
        Map<String, T> byCode = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        int i = 0;
        for (JsonNode e : result) {
            String where = "result[" + i++ + "]";
            T entry;
            try {
                entry = e.isObject() ? reader.apply(e) : null;
            } catch (CatalogueAnswerException bad) {
                skipped.add(where + ": " + bad.getMessage());
                continue;
            }
            if (entry == null || code.apply(entry) == null || name.apply(entry) == null) {
                skipped.add(where + ": no " + codeField + " or no name");
            } else if (byCode.putIfAbsent(code.apply(entry), entry) != null) {
                skipped.add(where + ": " + codeField + " " + code.apply(entry) + " repeated");
            }
        }
        return new Entries<>(byCode, skipped);
    }
}
