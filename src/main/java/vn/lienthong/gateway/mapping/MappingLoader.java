package vn.lienthong.gateway.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads every {@code *.yaml} of a mappings location into tables; knows nothing of what they mean. */
public final class MappingLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private MappingLoader() {
    }

    public static Mappings load(String location) {
        String base = location.endsWith("/") ? location : location + "/";
        checkFolder(base);
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(base + "*.yaml");
        } catch (IOException e) {
            throw new MappingException("cannot list mapping files at " + base + ": " + e.getMessage());
        }
        if (resources.length == 0) {
            throw new MappingException("no mapping files (*.yaml) at " + base);
        }
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        Map<String, MappingTable> tables = new LinkedHashMap<>();
        for (Resource r : resources) {
            MappingTable t = read(r);
            tables.put(t.name(), t);
        }
        return new Mappings(base, tables);
    }

    /** A folder given as {@code file:…} must be there and readable: an empty listing would not say why. */
    private static void checkFolder(String base) {
        if (!base.startsWith("file:")) {
            return;
        }
        Path folder = Path.of(base.substring("file:".length()));
        if (!Files.exists(folder)) {
            throw new MappingException("the folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new MappingException(folder + " is not a folder");
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new MappingException("the folder " + folder + " cannot be read by the user " + System.getProperty("user.name"));
        }
    }

    static MappingTable read(Resource resource) {
        String file = resource.getFilename();
        String name = file.substring(0, file.length() - ".yaml".length());
        Map<String, Object> header = new LinkedHashMap<>();
        List<MappingEntry> entries = new ArrayList<>();
        try (InputStream in = resource.getInputStream(); JsonParser p = YAML.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MappingException(file, line(p), "a mapping file is a YAML mapping with a header and 'entries'");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("entries".equals(field)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new MappingException(file, line(p), "'entries' must be a list");
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int line = line(p);
                        entries.add(new MappingEntry(file, line, Collections.unmodifiableMap(YAML.readValue(p, MAP))));
                    }
                } else {
                    header.put(field, YAML.readValue(p, Object.class));
                }
            }
        } catch (IOException e) {
            throw new MappingException(file, 0, "not valid YAML: " + e.getMessage());
        }
        for (String required : List.of("version", "source", "target", "description")) {
            if (header.get(required) == null) {
                throw new MappingException(file, 1, "header has no '" + required + "'");
            }
        }
        String key = header.get("key") == null ? null : header.get("key").toString();
        Map<String, MappingEntry> byKey = new LinkedHashMap<>();
        if (key != null) {
            for (MappingEntry e : entries) {
                String k = e.requireString(key);
                MappingEntry before = byKey.putIfAbsent(k, e);
                if (before != null) {
                    throw new MappingException(file, e.line(), "duplicate " + key + " '" + k + "' (first on line " + before.line() + ")");
                }
            }
        }
        return new MappingTable(name, file, header.get("version").toString(), header.get("source").toString(),
                header.get("target").toString(), header.get("description").toString(), key,
                List.copyOf(entries), Collections.unmodifiableMap(byKey));
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
