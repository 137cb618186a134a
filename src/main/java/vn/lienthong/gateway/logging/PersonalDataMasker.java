package vn.lienthong.gateway.logging;

import java.util.regex.Pattern;

/**
 * Masks personal data in a line of log text, whatever the layout that writes it (the pattern converters
 * of logback-spring.xml today, a JSON encoder tomorrow): 12-digit personal IDs as {@code 049******123},
 * and the values of name, birth-date and address fields in JSON, XML and key=value text. A safety net only:
 * code must not log these in the first place.
 */
public final class PersonalDataMasker {
    private static final Pattern PERSONAL_ID = Pattern.compile("(?<![0-9])([0-9]{3})[0-9]{6}([0-9]{3})(?![0-9])");
    private static final String FIELDS = "name|fullName|full|family|middle|given|birthDate|dateOfBirth|address|detail|street"
            + "|HoVaTen|Ho|ChuDem|Ten|NgayThangNam|NgayThangNamSinh|Nam|ChiTiet|SoNha";
    private static final Pattern JSON_FIELD = Pattern.compile("(\"(?:" + FIELDS + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern XML_FIELD = Pattern.compile("(<(?:[\\w-]+:)?(?:" + FIELDS + ")>)[^<]*(</)");
    private static final Pattern KEY_VALUE = Pattern.compile("(\\b(?:" + FIELDS + ")=)[^,;&)\\]}\\s][^,;&)\\]}]*");

    private PersonalDataMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        if (hasDigitRun(s)) {
            s = PERSONAL_ID.matcher(s).replaceAll("$1******$2");
        }
        if (s.indexOf('"') >= 0) {
            s = JSON_FIELD.matcher(s).replaceAll("$1\"***\"");
        }
        if (s.indexOf('<') >= 0) {
            s = XML_FIELD.matcher(s).replaceAll("$1***$2");
        }
        if (s.indexOf('=') >= 0) {
            s = KEY_VALUE.matcher(s).replaceAll("$1***");
        }
        return s;
    }

    /** Cheap pre-check: twelve digits in a row somewhere. */
    private static boolean hasDigitRun(String s) {
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                if (++run >= 12) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }
}
