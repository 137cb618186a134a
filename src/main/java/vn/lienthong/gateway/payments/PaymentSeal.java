package vn.lienthong.gateway.payments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * MaXacThuc of the payment platform's messages: lowercase hex SHA-256 (UTF-8) of the fields joined by {@code |} with the
 * shared secret as the last part. A plain hash, not an HMAC, as the platform defines it.
 */
final class PaymentSeal {
    /** Field order of each message (payment-platform message set 1.0.6). */
    static final List<String> INIT = List.of("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan",
            "MaKenhThanhToan", "MaThietBi", "NgonNgu", "MaTienTe", "MaNganHang", "ThongTinGiaoDich", "ThoiGianGD", "Ip");
    static final List<String> CONFIRM = List.of("LoaiBanTin", "MaLoi", "MaDoiTac", "MaThamChieu", "SoTien", "MaTienTe",
            "MaGiaoDich", "MaNganHang", "ThoiGianGD", "ThongTinGiaoDich");
    static final List<String> QUERY = List.of("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD");

    private PaymentSeal() {
    }

    /** The text MaXacThuc covers, without the secret: what a transaction keeps as "signed". */
    static String text(List<String> values) {
        return String.join("|", values);
    }

    static String seal(List<String> values, String secret) {
        return sha256(text(values) + "|" + secret);
    }

    /** Constant-time comparison of a carried MaXacThuc (any case) with the one computed. */
    static boolean matches(List<String> values, String secret, String carried) {
        if (carried == null || carried.length() != 64) {
            return false;
        }
        byte[] expected = seal(values, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = carried.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
