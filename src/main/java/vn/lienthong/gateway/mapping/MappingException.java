package vn.lienthong.gateway.mapping;

/** A mapping file that cannot be used: names the file, the line and the reason. */
public class MappingException extends RuntimeException {
    public MappingException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
    }

    public MappingException(String message) {
        super(message);
    }
}
