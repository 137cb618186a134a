package vn.lienthong.gateway.civilstatus;

import java.util.regex.Pattern;

import org.springframework.http.MediaTypeFactory;

/** Rules for the names of files taken in, and for the ids that name stored files. */
final class FileNames {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_NAME = 255;

    private FileNames() {
    }

    /** Why a received file name is refused, or null: it must be a bare name, shown and saved as it is. */
    static String refusal(String name) {
        if (name == null || name.isBlank()) {
            return "has no name";
        }
        if (name.length() > MAX_NAME) {
            return "has a name longer than " + MAX_NAME + " characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "has a name that is a path";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "has a path separator in its name";
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return "has a control character in its name";
            }
        }
        return null;
    }

    static String mediaType(String name) {
        return MediaTypeFactory.getMediaType(name).map(Object::toString).orElse("application/octet-stream");
    }

    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String requireId(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not a file id");
        }
        return id;
    }
}
