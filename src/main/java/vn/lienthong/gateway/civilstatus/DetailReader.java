package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Reads a dossier's detail as it downloads: {@code {"data":{"data":"<JSON text>", …}}}, the JSON text carrying the
 * dossier's fields, its declaration as XML text and its files as Base64. Nothing is held whole: the outer parser stops
 * at the JSON text's opening quote, a {@link JsonStringReader} un-escapes the text as a stream for a second parser,
 * which decodes each file's Base64 straight into the file store; the outer document's remainder is then checked to
 * the end. A detail that breaks any rule is refused with a reason naming the rule (never a value), and the files it
 * had stored are removed.
 */
final class DetailReader {
    private static final Set<String> ITEM_FIELDS = Set.of("item.unit", "item.procedure", "item.module", "item.code",
            "item.receivedAt", "item.account");

    /** What the detail holds: the dossier's fields (by the service's names), its declaration and its stored files. */
    record Detail(Map<String, String> fields, String declaration, List<StoredFile> files, int skipped) {
    }

    private final CivilStatusVocabulary v;
    private final FileStore store;
    private final CivilStatusProperties.Files limits;
    private final JsonFactory outerFactory;
    private final JsonFactory innerFactory;

    DetailReader(CivilStatusVocabulary v, FileStore store, CivilStatusProperties.Files limits) {
        this.v = v;
        this.store = store;
        this.limits = limits;
        this.outerFactory = StrictJson.factory(limits.getMaxDeclaration().toBytes());
        this.innerFactory = StrictJson.factory(limits.getMaxDeclaration().toBytes());
    }

    /** Reads the whole body; IOException for a transport failure (worth retrying), refusal for a bad dossier. */
    Detail read(InputStream body) throws IOException, RefusedDossierException {
        InlineFiles files = new InlineFiles(store, limits);
        try {
            return readOuter(StrictJson.utf8(new StrictJson.LimitedInput(body, limits.getMaxDetail().toBytes())), files);
        } catch (RefusedDossierException e) {
            files.discard();
            throw e;
        } catch (StrictJson.LimitedInput.TooLargeException e) {
            files.discard();
            throw new RefusedDossierException("the detail is " + e.getMessage() + " (gateway.civil-status.files.max-detail)");
        } catch (StreamConstraintsException e) {
            files.discard();
            throw new RefusedDossierException("the detail has a text or nesting over its limit (declaration at most "
                    + limits.getMaxDeclaration().toBytes() + " bytes)" + StrictJson.at(e.getLocation()));
        } catch (JsonProcessingException e) {
            files.discard();
            throw new RefusedDossierException("the detail is not valid JSON with a JSON text inside"
                    + StrictJson.at(e.getLocation()));
        } catch (JsonStringReader.MalformedException e) {
            files.discard();
            throw new RefusedDossierException("the detail's JSON text is not a valid JSON string: " + e.getMessage());
        } catch (CharacterCodingException e) {
            files.discard();
            throw new RefusedDossierException("the detail is not valid UTF-8");
        } catch (IOException | RuntimeException e) {
            files.discard();
            throw e;
        }
    }

    private Detail readOuter(Reader reader, InlineFiles files) throws IOException, RefusedDossierException {
        String outerKey = v.get("detail.outer");
        String textKey = v.get("detail.text");
        try (JsonParser outer = outerFactory.createParser(reader)) {
            if (outer.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedDossierException("the detail is not a JSON object");
            }
            while (outer.nextToken() == JsonToken.FIELD_NAME) {
                String name = outer.currentName();
                JsonToken value = outer.nextToken();
                if (name.equals(outerKey) && value == JsonToken.START_OBJECT) {
                    while (outer.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = outer.currentName();
                        JsonToken t = outer.nextToken();
                        if (inner.equals(textKey)) {
                            if (t != JsonToken.VALUE_STRING) {
                                throw new RefusedDossierException("the detail's " + outerKey + "." + textKey + " is not a JSON text");
                            }
                            // The parser stopped at the string's opening quote (strings are read lazily): what it has
                            // buffered beyond it, then the reader, are the text.
                            StringWriter buffered = new StringWriter();
                            outer.releaseBuffered(buffered);
                            JsonStringReader text = new JsonStringReader(buffered.toString(), reader);
                            Detail d = readText(text, files);
                            checkRest(text.rest(), outerKey, textKey);
                            return d;
                        }
                        outer.skipChildren();
                    }
                    break;
                }
                outer.skipChildren();
            }
        }
        throw new RefusedDossierException("the detail has no JSON text at " + outerKey + "." + textKey);
    }

    /** The outer document after the JSON text must close properly: a truncated or doubled answer is refused. */
    private void checkRest(Reader rest, String outerKey, String textKey) throws IOException, RefusedDossierException {
        Reader whole = new SequenceReader(new StringReader("{\"" + outerKey + "\":{\"" + textKey + "\":\"\""), rest);
        try (JsonParser p = outerFactory.createParser(whole)) {
            p.nextToken();
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new RefusedDossierException("the detail has content after its JSON object");
            }
        }
    }

    private Detail readText(JsonStringReader text, InlineFiles files) throws IOException, RefusedDossierException {
        Map<String, String> fields = new LinkedHashMap<>();
        String declaration = null;
        try (JsonParser p = innerFactory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedDossierException("the detail's JSON text is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals(v.get("detail.files"))) {
                    if (t == JsonToken.START_ARRAY) {
                        readFiles(p, files);
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw new RefusedDossierException("the detail's " + name + " is not a list");
                    }
                } else if (name.equals(v.get("detail.declaration"))) {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new RefusedDossierException("the detail's " + name + " (the declaration) is not XML text");
                    }
                    declaration = p.getText();
                } else if (isItemField(name)) {
                    if (!t.isScalarValue()) {
                        throw new RefusedDossierException("the detail's " + name + " is not a single value");
                    }
                    fields.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RefusedDossierException("the detail's JSON text has content after its object");
            }
        }
        if (declaration == null || declaration.isBlank()) {
            throw new RefusedDossierException("the detail has no declaration (" + v.get("detail.declaration") + ")");
        }
        return new Detail(fields, declaration, files.stored(), files.skipped());
    }

    private boolean isItemField(String name) {
        for (String k : ITEM_FIELDS) {
            if (v.get(k).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void readFiles(JsonParser p, InlineFiles files) throws IOException, RefusedDossierException {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            index++;
            String label = "attachment " + index;
            if (t != JsonToken.START_OBJECT) {
                throw new RefusedDossierException(label + " is not an object");
            }
            FileStore.Writer content = null;
            String name = null;
            String title = null;
            try {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals(v.get("file.content"))) {
                        if (value == JsonToken.VALUE_STRING) {
                            content = files.decode(p, "ATTACHMENT", label);
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new RefusedDossierException(label + ": the content is not a Base64 text");
                        }
                    } else if (field.equals(v.get("file.name")) || field.equals(v.get("file.title"))) {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            throw new RefusedDossierException(label + ": " + field + " is not a text");
                        }
                        String s = value == JsonToken.VALUE_NULL ? null : p.getText();
                        if (field.equals(v.get("file.name"))) {
                            name = s;
                        } else {
                            title = s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (content == null) {
                    files.skip();
                } else {
                    files.keep(content, name, title, label);
                    content = null;
                }
            } finally {
                if (content != null) {
                    content.close();
                }
            }
        }
    }
}
