package vn.lienthong.gateway.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a client's JSON body as a tree, strictly: a key twice in one object is refused (two readers of one body
 * would otherwise disagree on its value), and nesting, number and string sizes have limits far above any valid
 * request. Every failure, invalid UTF-8 included, becomes one {@link Violation}, never an exception.
 */
public final class JsonBodies {
    /** Deeper than any request the gateway takes (an event nests four levels). */
    static final int MAX_DEPTH = 32;
    /** Digits of one number: an amount in đồng has at most 19. */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final ObjectReader READER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private JsonBodies() {
    }

    /** The parsed body, or the reason it cannot be read. */
    public record Parsed(JsonNode tree, Violation problem) {
    }

    public static Parsed read(byte[] body) {
        String text;
        try {
            // Strictly: the parser itself lets through UTF-8 that encodes surrogates (CESU-8), which is not UTF-8.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new Parsed(null, Violation.of("$", "json.malformed", "the body is not valid JSON in UTF-8"));
        }
        try {
            JsonNode tree = READER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                return new Parsed(null, Violation.of("$", "body.required", "the request has no body"));
            }
            return new Parsed(tree, null);
        } catch (StreamConstraintsException e) {
            return new Parsed(null, Violation.of("$", "json.limits", "the body nests deeper than " + MAX_DEPTH
                    + " levels or has a number longer than " + MAX_NUMBER_LENGTH + " digits" + at(e.getLocation())));
        } catch (JsonProcessingException e) {
            String rule = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "json.duplicate-key" : "json.malformed";
            String message = rule.equals("json.duplicate-key") ? "an object of the body has the same key twice"
                    : "the body is not valid JSON in UTF-8";
            return new Parsed(null, Violation.of("$", rule, message + at(e.getLocation())));
        } catch (RuntimeException e) {
            return new Parsed(null, Violation.of("$", "json.malformed", "the body is not valid JSON in UTF-8"));
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
