package vn.lienthong.gateway.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Fictional birth (KS) and death (KT) dossiers of the linked civil-status service, generated from a seed: the same
 * number always gives the same people, declaration and PDF attachments (100 KB to 5 MB each), so tests and the
 * benchmark can check every byte the one-stop system gets. No real person: names are drawn from common given and
 * family names, ID numbers are valid in form only.
 */
public final class CivilStatusSamples {
    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Phan", "Võ", "Đặng"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu"};
    private static final String[] GIVEN = {"An", "Bình", "Châu", "Dũng", "Hà", "Khánh", "Lan", "Phúc", "Quân", "Tâm"};
    private static final String[] UNITS = {"20194", "20197", "20335", "502"};
    private static final JsonFactory JSON = new JsonFactory();

    /** One attachment: its name and size; its bytes come from {@link #pdf}. */
    public record Attachment(String name, String title, int size, long seed) {
        public byte[] bytes() {
            return pdf(size, seed);
        }

        public String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One waiting dossier as the service lists and details it. */
    public record Dossier(String id, String code, String module, String procedure, int unit, String receivedAt,
                          String account, String declaration, List<Attachment> attachments) {
    }

    private CivilStatusSamples() {
    }

    /** Dossier number {@code n}: module alternating KS/KT, 1-3 attachments of 100 KB to 5 MB. */
    public static Dossier sample(int n) {
        Random r = new Random(1000L + n);
        String module = n % 2 == 1 ? "KS" : "KT";
        List<Attachment> files = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            files.add(new Attachment(fileName(module, i), i == 0 ? title(module) : "Giấy tờ kèm theo " + (i + 1),
                    100 * 1024 + r.nextInt(4900 * 1024), r.nextLong()));
        }
        return dossier(n, module, UNITS[n % UNITS.length], files, r);
    }

    /** Dossier number {@code n} with exactly {@code totalBytes} of attachments in {@code files} files (the benchmark's). */
    public static Dossier sized(int n, int files, int totalBytes) {
        Random r = new Random(7000L + n);
        String module = n % 2 == 1 ? "KS" : "KT";
        List<Attachment> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            int size = i < files - 1 ? totalBytes / files : totalBytes - (files - 1) * (totalBytes / files);
            list.add(new Attachment(fileName(module, i), title(module), size, r.nextLong()));
        }
        return dossier(n, module, UNITS[n % UNITS.length], list, r);
    }

    private static Dossier dossier(int n, String module, String unit, List<Attachment> files, Random r) {
        String code = String.format("G22.99.%s-2611%02d-%04d", unit.length() == 3 ? "10" : "20", 1 + n % 28, n);
        String declaration = module.equals("KS") ? birth(r) : death(r);
        return new Dossier("dvclt-" + (900000 + n), code, module, module.equals("KS") ? "1.006714" : "2.000986",
                Integer.parseInt(unit), String.format("24/11/2026 %02d:%02d:00", 7 + n % 10, n % 60),
                "vneid-" + Long.toHexString(r.nextLong()).substring(0, 8), declaration, List.copyOf(files));
    }

    private static String fileName(String module, int i) {
        return (module.equals("KS") ? "to-khai-khai-sinh" : "to-khai-khai-tu") + (i == 0 ? "" : "-" + (i + 1)) + ".pdf";
    }

    private static String title(String module) {
        return module.equals("KS") ? "Tờ khai đăng ký khai sinh" : "Tờ khai đăng ký khai tử";
    }

    private static String name(Random r) {
        return FAMILY[r.nextInt(FAMILY.length)] + " " + MIDDLE[r.nextInt(MIDDLE.length)] + " " + GIVEN[r.nextInt(GIVEN.length)];
    }

    private static String id(Random r, int year) {
        return String.format("049%d%02d%06d", year >= 2000 ? 2 : 0, year % 100, r.nextInt(1_000_000));
    }

    private static String birth(Random r) {
        int parentYear = 1985 + r.nextInt(15);
        return "<hoTich><maGCS>GCS-" + r.nextInt(100000) + "</maGCS><ngayCapGCS>20261120</ngayCapGCS>"
                + "<loaiDangKy>1</loaiDangKy><noiDangKy>20194</noiDangKy><soLuongBanSao>2</soLuongBanSao>"
                + "<nksHoTen>" + name(r) + "</nksHoTen><nksGioiTinh>" + (1 + r.nextInt(2)) + "</nksGioiTinh>"
                + "<nksNgaySinh>15.11.2026</nksNgaySinh><nksNoiSinh>Bệnh viện Đa khoa tỉnh</nksNoiSinh>"
                + "<nksDanToc>01</nksDanToc><nksQuocTich>VN</nksQuocTich>"
                + "<meHoTen>" + name(r) + "</meHoTen><meNgaySinh>1990</meNgaySinh><meDanToc>01</meDanToc>"
                + "<meSoGiayToTuyThan>" + id(r, parentYear) + "</meSoGiayToTuyThan>"
                + "<chaHoTen>" + name(r) + "</chaHoTen><chaSoGiayToTuyThan>" + id(r, parentYear) + "</chaSoGiayToTuyThan>"
                + "<nycHoTen>" + name(r) + "</nycHoTen><nycQuanHe>Mẹ</nycQuanHe>"
                + "<nycSoGiayToTuyThan>" + id(r, parentYear) + "</nycSoGiayToTuyThan>"
                + "<nycSoDienThoai>09" + (10000000 + r.nextInt(89999999)) + "</nycSoDienThoai>"
                + "<nycXacThucThongTin>1</nycXacThucThongTin></hoTich>";
    }

    private static String death(Random r) {
        int year = 1930 + r.nextInt(40);
        return "<hoTich><maGBT>GBT-" + r.nextInt(100000) + "</maGBT><loaiDangKy>1</loaiDangKy><noiDangKy>20197</noiDangKy>"
                + "<nktHoTen>" + name(r) + "</nktHoTen><nktGioiTinh>1</nktGioiTinh><nktNgaySinh>" + year + "</nktNgaySinh>"
                + "<nktDanToc>01</nktDanToc><nktSoGiayToTuyThan>" + id(r, year) + "</nktSoGiayToTuyThan>"
                + "<nktNgayChet>20.11.2026</nktNgayChet><nktNoiChet>Tại nhà</nktNoiChet><nktNguyenNhanChet>Tuổi cao</nktNguyenNhanChet>"
                + "<gbtLoai>1</gbtLoai><gbtSo>" + r.nextInt(1000) + "</gbtSo>"
                + "<nycHoTen>" + name(r) + "</nycHoTen><nycQuanHe>Con</nycQuanHe>"
                + "<nycSoGiayToTuyThan>" + id(r, 1980 + r.nextInt(20)) + "</nycSoGiayToTuyThan></hoTich>";
    }

    /** A PDF of exactly {@code size} bytes (a page with its text and a stream of seeded noise). */
    public static byte[] pdf(int size, long seed) {
        byte[] head = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
                + "4 0 obj << /Length " + size + " >> stream\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.max(size, head.length + tail.length)];
        System.arraycopy(head, 0, out, 0, head.length);
        byte[] noise = new byte[out.length - head.length - tail.length];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, out, head.length, noise.length);
        System.arraycopy(tail, 0, out, out.length - tail.length, tail.length);
        return out;
    }

    /** The list item of LayDanhSachHoSo. */
    static void writeItem(JsonGenerator g, Dossier d) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeNumberField("maDonVi", d.unit());
        g.writeStringField("maTTHC", d.procedure());
        g.writeStringField("module", d.module());
        g.writeStringField("maHoSo", d.code());
        g.writeStringField("ngayTiepNhan", d.receivedAt());
        g.writeStringField("techId", d.account());
        g.writeEndObject();
    }

    /** The detail answer {"data":{"data":"<JSON text>", …}}, written to {@code out}. */
    public static void writeDetail(Dossier d, String declaration, OutputStream out) {
        try {
            StringWriter inner = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(inner)) {
                g.writeStartObject();
                g.writeNumberField("maDonVi", d.unit());
                g.writeStringField("maTTHC", d.procedure());
                g.writeStringField("module", d.module());
                g.writeStringField("maHoSo", d.code());
                g.writeStringField("ngayTiepNhan", d.receivedAt());
                g.writeStringField("techId", d.account());
                g.writeArrayFieldStart("fileDinhKem");
                int i = 0;
                for (Attachment a : d.attachments()) {
                    g.writeStartObject();
                    g.writeNumberField("id", ++i);
                    g.writeNumberField("loaiGiayTo", i);
                    g.writeStringField("tenGiayTo", a.title());
                    g.writeStringField("tenTepDinhKem", a.name());
                    g.writeNumberField("huyGiayTo", 0);
                    g.writeFieldName("duLieuTepDinhKem");
                    g.writeBinary(a.bytes());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("data", declaration);
                g.writeEndObject();
            }
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart("data");
                g.writeStringField("id", d.id());
                g.writeStringField("data", inner.toString());
                g.writeStringField("trangThai", "CHO_TIEP_NHAN");
                g.writeEndObject();
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
