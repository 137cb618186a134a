package vn.lienthong.gateway.identifiers;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The national identifier rules of ../shared/domain/README.md "Identifiers and how to check them". Each
 * check answers null when the value is valid, or the name of the rule it breaks.
 */
public final class Identifiers {
    public static final Pattern AGENCY = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");
    public static final Pattern DOSSIER = Pattern.compile("(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})-(\\d{6})-(\\d{4})");
    /** A national procedure code, optionally followed by the agency code of a local variant. */
    public static final Pattern PROCEDURE = Pattern.compile("(\\d\\.\\d{6})(\\.\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})?");
    private static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");
    private static final Pattern ENTERPRISE = Pattern.compile("(\\d{10})(-\\d{3})?");
    private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private Identifiers() {
    }

    public static String agencyCode(String v) {
        return AGENCY.matcher(v).matches() ? null : "agency-code.format";
    }

    /** {@code <agency>-<yyMMdd>-<NNNN>} (Circular 01/2018/TT-VPCP) with a real date. */
    public static String dossierCode(String v) {
        var m = DOSSIER.matcher(v);
        if (!m.matches()) {
            return "dossier-code.format";
        }
        try {
            LocalDate.parse(m.group(2), YYMMDD);
        } catch (DateTimeParseException e) {
            return "dossier-code.date";
        }
        return null;
    }

    public static String procedureCode(String v) {
        return PROCEDURE.matcher(v).matches() ? null : "procedure-code.format";
    }

    /** The national part of a procedure code ({@code 1.003560} of {@code 1.003560.000.00.00.H56}). */
    public static String nationalProcedureCode(String v) {
        var m = PROCEDURE.matcher(v);
        return m.matches() ? m.group(1) : v;
    }

    /**
     * A 12-digit personal identification number: a known birth-registration province (digits 1-3), and,
     * when a birth date or year is known, century/sex digit (4) and year digits (5-6) that agree with it.
     * A birth year the digits encode in the future is impossible.
     */
    public static String personalId(String v, Set<String> provinceCodes, Integer birthYear, int currentYear) {
        if (!PERSONAL_ID.matcher(v).matches()) {
            return "personal-id.format";
        }
        if (!provinceCodes.contains(v.substring(0, 3))) {
            return "personal-id.province";
        }
        int encodedYear = birthYearOf(v);
        if (encodedYear > currentYear) {
            return "personal-id.century";
        }
        if (birthYear != null && birthYear != encodedYear) {
            return "personal-id.birth-year";
        }
        return null;
    }

    /** What a {@link #personalId} rule means, said of the request's field {@code field}. */
    public static String personalIdMessage(String field, String rule) {
        return switch (rule) {
            case "personal-id.format" -> field + " is 12 digits";
            case "personal-id.province" -> field + " does not start with a known province code (mappings/province-codes.yaml)";
            case "personal-id.century" -> field + " encodes a birth year in the future (digits 4-6)";
            case "personal-id.birth-year" -> field + " digits 4-6 do not agree with the birth date";
            default -> field + " is not a valid personal identification number";
        };
    }

    /** What an {@link #enterpriseCode} rule means, said of the request's field {@code field}. */
    public static String enterpriseCodeMessage(String field) {
        return field + " is 10 digits with a valid check digit, or a branch code NNNNNNNNNN-NNN";
    }

    /** The birth year digits 4-6 encode: century from digit 4 (0/1 1900s … 8/9 2300s), year from 5-6. */
    public static int birthYearOf(String personalId) {
        int century = 1900 + (personalId.charAt(3) - '0') / 2 * 100;
        return century + Integer.parseInt(personalId.substring(4, 6));
    }

    /** Masked form for logs and audit: first 3 and last 3 digits. */
    public static String mask(String personalId) {
        if (personalId == null || personalId.length() < 7) {
            return "***";
        }
        return personalId.substring(0, 3) + "*".repeat(personalId.length() - 6) + personalId.substring(personalId.length() - 3);
    }

    /** A 10-digit enterprise code with a valid check digit, or a 13-digit branch code {@code NNNNNNNNNN-NNN}. */
    public static String enterpriseCode(String v) {
        var m = ENTERPRISE.matcher(v);
        if (!m.matches()) {
            return "enterprise-code.format";
        }
        return checkDigitOk(m.group(1)) ? null : "enterprise-code.check-digit";
    }

    static boolean checkDigitOk(String tenDigits) {
        int s = 0;
        for (int i = 0; i < 9; i++) {
            s += (tenDigits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 10 - (s % 11);
        return check != 10 && check == tenDigits.charAt(9) - '0';
    }
}
