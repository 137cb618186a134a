package vn.lienthong.gateway.identifiers;

import java.util.regex.Pattern;

import vn.lienthong.gateway.api.Violation;

/**
 * The formats of an e-mail address, a telephone number and a file link, as every input of the gateway checks
 * them (the one-stop system's events, the portal's callbacks, payments): one rule, one rule name, one message.
 */
public final class ContactFormats {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .\\-]{6,18}[0-9]");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]{1,2000}");

    private ContactFormats() {
    }

    /** A violation of {@code path} (its message naming {@code field}) when {@code value} is not an e-mail address; else null. */
    public static Violation email(String path, String field, String value) {
        return value == null || value.isEmpty() || EMAIL.matcher(value).matches() ? null
                : Violation.of(path, "email.format", field + " is an e-mail address");
    }

    /** A violation when {@code value} is not 8-20 digits, optionally with a leading +, spaces, dots or dashes; else null. */
    public static Violation phone(String path, String field, String value) {
        return value == null || value.isEmpty() || PHONE.matcher(value).matches() ? null
                : Violation.of(path, "phone.format", field + " is a telephone number of 8-20 digits, optionally with +, spaces, dots or dashes");
    }

    /** A violation when {@code value} is not an http(s) link; else null. */
    public static Violation httpLink(String path, String field, String value) {
        return value == null || URL.matcher(value).matches() ? null
                : Violation.of(path, "url.format", field + " is an http(s) link");
    }
}
