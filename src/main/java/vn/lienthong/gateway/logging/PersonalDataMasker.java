package vn.lienthong.gateway.logging;

import java.util.regex.Pattern;

/**
 * Masks personal data in a line of log text, whatever the layout that writes it (the pattern converters
 * of logback-spring.xml today, a JSON encoder tomorrow): 12-digit personal IDs as {@code 049******123},
 * e-mail addresses, the values of name, birth-date, address, e-mail and phone fields in JSON, XML and key=value
 * text, and a dossier's applicant ({@code ChuHoSo}) whole. A safety net only:
 * code must not log these in the first place.
 */
public final class PersonalDataMasker {
    private static final Pattern PERSONAL_ID = Pattern.compile("(?<![0-9])([0-9]{3})[0-9]{6}([0-9]{3})(?![0-9])");
    private static final String FIELDS = "name|fullName|full|family|middle|given|birthDate|dateOfBirth|address|detail|street"
            + "|email|phone|HoVaTen|HoTen|Ho|ChuDem|Ten|NgayThangNam|NgayThangNamSinh|NgaySinh|Nam|ChiTiet|SoNha|DiaChi"
            + "|ChuHoSo|Email|SoDienThoai|DienThoai";
    /** An object value of these fields is a person as a whole (the applicant of a dossier filed online). */
    private static final Pattern JSON_PERSON = Pattern.compile("(\"(?:ChuHoSo|applicant|householdHead)\"\\s*:\\s*)\\{[^{}]*\\}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@([A-Za-z0-9\\-]+\\.)+[A-Za-z]{2,}");
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
            s = JSON_PERSON.matcher(s).replaceAll("$1\"***\"");
            s = JSON_FIELD.matcher(s).replaceAll("$1\"***\"");
        }
        if (s.indexOf('@') >= 0) {
            s = EMAIL.matcher(s).replaceAll("***@***");
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
