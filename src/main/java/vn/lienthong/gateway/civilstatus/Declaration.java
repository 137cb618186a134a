package vn.lienthong.gateway.civilstatus;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The XML declaration of a civil-status dossier, read with a hardened parser: a DOCTYPE is refused (no DTD, so no
 * entity expansion and no external entity is ever fetched), nesting is limited. The children of the declaration
 * element become a map (an element with children a nested map), then the module's table of mappings/ picks and
 * renames what the one-stop system gets; elements the table does not name are dropped. Errors name the rule and the
 * position only: the text is personal data.
 */
final class Declaration {
    private static final int MAX_DEPTH = 8;
    private static final XMLInputFactory XML = hardened();

    private Declaration() {
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The children of the first {@code element} (the root or below it), as nested maps of text. */
    static Map<String, Object> parse(String xml, String element) throws RefusedDossierException {
        XMLStreamReader r = null;
        try {
            r = XML.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new RefusedDossierException("the declaration has a DOCTYPE (DTDs and entities are refused)");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new RefusedDossierException("the declaration refers to an entity");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw new RefusedDossierException("the declaration nests deeper than " + MAX_DEPTH + " levels");
                    }
                    if (r.getLocalName().equals(element)) {
                        Map<String, Object> out = children(r, depth);
                        drain(r);
                        return out;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            throw new RefusedDossierException("the declaration has no <" + element + "> element");
        } catch (XMLStreamException e) {
            throw new RefusedDossierException("the declaration is not well-formed XML" + where(e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    /** Reads the current element's children up to its end tag. */
    private static Map<String, Object> children(XMLStreamReader r, int depth) throws XMLStreamException, RefusedDossierException {
        Map<String, Object> out = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (depth + 1 > MAX_DEPTH) {
                        throw new RefusedDossierException("the declaration nests deeper than " + MAX_DEPTH + " levels");
                    }
                    String name = r.getLocalName();
                    Map<String, Object> sub = children(r, depth + 1);
                    Object value = sub.containsKey("") && sub.size() == 1 ? sub.get("") : sub;
                    if (sub.isEmpty()) {
                        value = "";
                    }
                    if (out.put(name, value) != null) {
                        throw new RefusedDossierException("the declaration has element <" + name + "> twice" + where(r));
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
                case XMLStreamConstants.DTD -> throw new RefusedDossierException("the declaration has a DOCTYPE");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new RefusedDossierException("the declaration refers to an entity");
                case XMLStreamConstants.END_ELEMENT -> {
                    if (out.isEmpty() && !text.toString().isBlank()) {
                        out.put("", text.toString().trim());
                    }
                    return out;
                }
                default -> {
                    // comments and processing instructions carry nothing of the declaration
                }
            }
        }
    }

    private static void drain(XMLStreamReader r) throws XMLStreamException, RefusedDossierException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.DTD) {
                throw new RefusedDossierException("the declaration has a DOCTYPE");
            }
        }
    }

    /** The declaration's values under the table's names: element (dotted for a nested one) to target (dotted). */
    static ObjectNode map(Map<String, Object> declaration, Map<String, String> table) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        table.forEach((element, target) -> {
            Object v = declaration;
            for (String part : element.split("\\.")) {
                v = v instanceof Map<?, ?> m ? m.get(part) : null;
            }
            if (v instanceof String s && !s.isEmpty()) {
                String[] path = target.split("\\.");
                ObjectNode at = out;
                for (int i = 0; i < path.length - 1; i++) {
                    at = at.has(path[i]) ? (ObjectNode) at.get(path[i]) : at.putObject(path[i]);
                }
                at.put(path[path.length - 1], s);
            }
        });
        return out;
    }

    private static String where(XMLStreamException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ", column "
                + e.getLocation().getColumnNumber() + ")";
    }

    private static String where(XMLStreamReader r) {
        return r.getLocation() == null ? "" : " (line " + r.getLocation().getLineNumber() + ")";
    }
}
