package vn.lienthong.gateway.national.population;

import java.text.Normalizer;
import java.util.Locale;

/** Names as the population database takes them: upper case, no diacritics, đ/Đ as D, single spaces. */
public final class NameNormalizer {
    private NameNormalizer() {
    }

    public static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String s = name.replace('đ', 'd').replace('Đ', 'D');
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return s.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
