package vn.lienthong.gateway.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generated national procedure catalogue for the portal simulator: realistic codes ({@code d.dddddd}, some
 * with the province's agency suffix), Vietnamese names, domains, agencies, required documents and results, in
 * the shapes of procedure-catalogue.md. Deterministic: procedure {@code i} is the same for the same seed, whatever
 * the size. Scalars vary between strings and numbers as the portal's peers disagree on their types.
 */
final class SimCatalogueData {
    /** The province whose local procedure instances carry its agency suffix. */
    static final String PROVINCE_SUFFIX = ".000.00.00.H47";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Domains (lĩnh vực): code, name, ministry (MANGANH). */
    private static final String[][] DOMAINS = {
            {"G09-TC14", "Thành lập và hoạt động của hộ kinh doanh", "G09"}, {"G13-XD05", "Hoạt động xây dựng", "G13"},
            {"G15-TP03", "Hộ tịch", "G15"}, {"G11-TN01", "Đất đai", "G11"}, {"G15-TP05", "Chứng thực", "G15"},
            {"G15-TP07", "Lý lịch tư pháp", "G15"}, {"G15-TP10", "Nuôi con nuôi", "G15"}, {"G09-TC02", "Thành lập và hoạt động doanh nghiệp", "G09"},
            {"G11-TN05", "Môi trường", "G11"}, {"G11-TN08", "Tài nguyên nước", "G11"}, {"G13-XD02", "Quy hoạch xây dựng, kiến trúc", "G13"},
            {"G13-XD08", "Nhà ở", "G13"}, {"G14-GT01", "Đường bộ", "G14"}, {"G14-GT04", "Đường thủy nội địa", "G14"},
            {"G12-LĐ01", "Việc làm", "G12"}, {"G12-LĐ03", "Bảo trợ xã hội", "G12"}, {"G12-LĐ06", "Người có công", "G12"},
            {"G16-YT02", "Khám bệnh, chữa bệnh", "G16"}, {"G16-YT05", "Dược phẩm", "G16"}, {"G16-YT08", "An toàn thực phẩm và dinh dưỡng", "G16"},
            {"G17-GD01", "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân", "G17"}, {"G17-GD04", "Quy chế thi, tuyển sinh", "G17"},
            {"G18-NN02", "Trồng trọt", "G18"}, {"G18-NN03", "Chăn nuôi", "G18"}, {"G18-NN06", "Thủy sản", "G18"},
            {"G18-NN09", "Lâm nghiệp", "G18"}, {"G19-VH01", "Văn hóa cơ sở", "G19"}, {"G19-VH04", "Thể dục thể thao", "G19"},
            {"G19-VH07", "Du lịch", "G19"}, {"G20-CT02", "Lưu thông hàng hóa trong nước", "G20"}, {"G20-CT05", "Điện", "G20"},
            {"G20-CT08", "Hóa chất", "G20"}, {"G21-TT01", "Báo chí", "G21"}, {"G21-TT03", "Xuất bản, in và phát hành", "G21"},
            {"G22-NV02", "Tôn giáo chính phủ", "G22"}, {"G22-NV05", "Thi đua - khen thưởng", "G22"}, {"G23-TC01", "Thuế", "G23"},
            {"G23-TC06", "Quản lý công sản", "G23"}, {"G24-KH02", "Đầu tư tại Việt Nam", "G24"}, {"G25-CA01", "Đăng ký, quản lý cư trú", "G25"}};

    /** Agencies (LayDanhMucCoQuan): code, name, level (CAPDONVI). */
    private static final String[][] AGENCIES = {
            {"000.00.00.H47", "UBND tỉnh Quảng Nam", "1"}, {"000.00.12.H47", "UBND phường Hội An", "3"},
            {"000.00.13.H47", "UBND phường Tam Kỳ", "3"}, {"000.00.14.H47", "UBND xã Điện Bàn", "3"},
            {"000.01.00.H47", "Sở Tư pháp tỉnh Quảng Nam", "1"}, {"000.02.00.H47", "Sở Xây dựng tỉnh Quảng Nam", "1"},
            {"000.03.00.H47", "Sở Nông nghiệp và Môi trường tỉnh Quảng Nam", "1"}, {"000.04.00.H47", "Sở Tài chính tỉnh Quảng Nam", "1"},
            {"000.05.00.H47", "Sở Y tế tỉnh Quảng Nam", "1"}, {"000.06.00.H47", "Sở Giáo dục và Đào tạo tỉnh Quảng Nam", "1"},
            {"000.07.00.H47", "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam", "1"}, {"000.08.00.H47", "Sở Công Thương tỉnh Quảng Nam", "1"},
            {"000.09.00.H47", "Sở Nội vụ tỉnh Quảng Nam", "1"}, {"000.10.00.H47", "Công an tỉnh Quảng Nam", "1"},
            {"000.11.00.H47", "Sở Khoa học và Công nghệ tỉnh Quảng Nam", "1"}};

    private static final String[] ACTIONS = {"Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Đăng ký", "Đăng ký thay đổi",
            "Thu hồi", "Xác nhận", "Thẩm định", "Phê duyệt", "Công nhận", "Chấm dứt", "Thông báo", "Cho phép"};
    private static final String[] OBJECTS = {"giấy phép", "giấy chứng nhận", "chứng chỉ hành nghề", "giấy xác nhận", "quyết định",
            "văn bản chấp thuận", "giấy đăng ký", "thẻ", "hồ sơ", "phương án"};
    private static final String[] QUALIFIERS = {"cấp tỉnh", "cấp xã", "đối với tổ chức", "đối với cá nhân", "trong trường hợp bị mất",
            "do hết hạn", "cho doanh nghiệp nhỏ và vừa", "đối với hộ gia đình", "có yếu tố nước ngoài", "lần đầu"};
    private static final String[] DOCUMENTS = {"Đơn đề nghị (theo mẫu)", "Tờ khai (theo mẫu)", "Bản sao giấy tờ tùy thân",
            "Bản sao giấy chứng nhận đăng ký", "Giấy ủy quyền", "Bản vẽ thiết kế", "Văn bản cam kết",
            "Giấy tờ chứng minh quyền sử dụng đất", "Báo cáo kết quả", "Danh sách thành viên", "Giấy khai sinh", "Ảnh 4x6"};
    private static final String[] CASES = {"Trường hợp nộp trực tiếp", "Trường hợp nộp trực tuyến", "Trường hợp cấp lại"};
    private static final String[] UNITS = {"Ngày làm việc", "Ngày", "Giờ làm việc"};

    /** The six procedures of the sandbox walkthrough and tests, with the names of mappings/procedures.yaml. */
    private static final String[][] FIXED = {
            {"1.001612", "Đăng ký thành lập hộ kinh doanh", "0"}, {"1.003560", "Cấp giấy phép xây dựng đối với công trình cấp III, cấp IV", "1"},
            {"1.001193" + PROVINCE_SUFFIX, "Đăng ký khai sinh", "2"}, {"1.000656", "Đăng ký kết hôn", "2"},
            {"2.000889", "Cấp bản sao trích lục hộ tịch", "2"}, {"1.004227", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "3"}};

    private final long seed;
    private final List<String> codes = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();

    SimCatalogueData(long seed, int size) {
        this.seed = seed;
        Random r = new Random(seed);
        Set<String> taken = new LinkedHashSet<>();
        for (String[] f : FIXED) {
            taken.add(f[0].substring(0, 8));
            add(f[0]);
        }
        while (codes.size() < size) {
            double p = r.nextDouble();
            String bare = (p < 0.8 ? "1" : p < 0.95 ? "2" : "3") + "." + String.format("%06d", r.nextInt(1_000_000));
            if (taken.add(bare)) {
                add(r.nextInt(4) == 0 ? bare + PROVINCE_SUFFIX : bare);
            }
        }
    }

    private void add(String code) {
        index.put(code, codes.size());
        codes.add(code);
    }

    List<String> codes() {
        return codes;
    }

    Integer indexOf(String code) {
        return index.get(code);
    }

    /** The procedure's generated name (the fixed ones keep theirs). */
    String name(int i) {
        if (i < FIXED.length) {
            return FIXED[i][1];
        }
        Random r = new Random(seed * 7_919L + i);
        String name = pick(r, ACTIONS) + " " + pick(r, OBJECTS) + " " + domain(i)[1].toLowerCase();
        return r.nextBoolean() ? name + " " + pick(r, QUALIFIERS) : name;
    }

    String[] domain(int i) {
        return i < FIXED.length ? DOMAINS[Integer.parseInt(FIXED[i][2])] : DOMAINS[random(i).nextInt(DOMAINS.length)];
    }

    /** The LayThuTuc result object of procedure {@code i} with this code, name and TRANGTHAI. */
    ObjectNode procedure(int i, String code, String name, String state) {
        Random r = random(i);
        String[] domain = domain(i);
        String ministry = domain[2];
        ObjectNode p = JSON.createObjectNode();
        p.put("ID", String.format("%08x-%04x-4%03x-a%03x-%012x", seed + i, i % 65536, i % 4096, (i * 7) % 4096, (long) i * 2654435761L));
        p.put("MATTHC", code);
        p.put("TENTTHC", name);
        p.put("LOAITTHC", r.nextInt(5) == 0 ? "2" : "1");
        if (state.equals("1") && i % 3 == 0) {
            p.put("TRANGTHAI", 1);
        } else {
            p.put("TRANGTHAI", state);
        }
        p.put("MACOQUANCONGBO", ministry);
        p.put("IDQUYETDINHCONGBO", String.valueOf(100000 + i));
        p.put("QUYETDINH", "Quyết định số " + (100 + i % 900) + "/QĐ-" + ministry + " ngày 15/3/2025");
        p.put("YEUCAU", r.nextBoolean() ? "Không" : "Người đề nghị phải có năng lực hành vi dân sự đầy đủ");
        p.put("TUKHOA", domain[1].toLowerCase());
        p.put("MOTA", name + " theo quy định hiện hành");
        p.put("MOTADOITUONGTHUCHIEN", "Công dân Việt Nam, tổ chức");
        String agencyText = "Ủy ban nhân dân cấp " + (r.nextBoolean() ? "tỉnh" : "xã");
        p.put("MOTACOQUANTHAMQUYEN", agencyText);
        if (i % 7 != 0) {
            p.put("MOTACOQUANTHUCHIEN", agencyText);
            p.put("DIACHITIEPNHAN", "Trung tâm Phục vụ hành chính công tỉnh Quảng Nam");
        }
        p.putArray("LINHVUCTHUCHIEN").addObject().put("MALINHVUC", domain[0]).put("TENLINHVUC", domain[1]);
        ObjectNode level = p.putArray("CAPTHUCHIEN").addObject();
        boolean provincial = r.nextBoolean();
        level.put("CAPTHUCHIEN", provincial ? "1" : "3").put("TENCAP", provincial ? "Cấp Tỉnh" : "Cấp Xã");
        if (i % 7 == 0) {
            level.put("MOTACOQUANTHUCHIEN", agencyText).put("DIACHITIEPNHAN", "Bộ phận một cửa");
        }
        p.putArray("DOITUONGTHUCHIEN").addObject().put("MADOITUONG", "1").put("TENDOITUONG", "Công dân Việt Nam");
        ObjectNode steps = p.putArray("TRINHTUTHUCHIEN").addObject().put("TRUONGHOP", "");
        ArrayNode stepList = steps.putArray("TRINHTU");
        for (String s : List.of("Nộp hồ sơ", "Tiếp nhận và kiểm tra hồ sơ", "Giải quyết hồ sơ", "Trả kết quả")) {
            stepList.addObject().put("TENTRINHTU", s);
        }
        ways(p.putArray("CACHTHUCTHUCHIEN"), r, i);
        List<String> results = results(p.putArray("KETQUATHUCHIEN"), r, i, ministry);
        components(p.putArray("THANHPHANHOSO"), r, i, ministry, results);
        p.putArray("CANCUPHAPLY").addObject().put("SOVANBAN", (10 + i % 80) + "/2024/NĐ-CP")
                .put("TENVANBAN", "Nghị định quy định chi tiết về " + domain[1].toLowerCase()).put("COQUANBANHANH", "Chính phủ")
                .put("NGAYBANHANH", "15/01/2024").put("NGAYHIEULUC", "01/03/2024").put("DIACHITRUYCAP", "https://vbpl.vn/" + i);
        String[] agency = AGENCIES[i % AGENCIES.length];
        p.putArray("COQUANTHUCHIEN").addObject().put("MADONVI", agency[0]).put("TENDONVI", agency[1]);
        p.putArray("COQUANCOTHAMQUYEN").addObject().put("MADONVI", AGENCIES[0][0]).put("TENDONVI", AGENCIES[0][1]);
        p.putArray("COQUANDUOCUYQUYEN");
        p.putArray("COQUANPHOIHOP");
        p.putArray("TTHCLIENQUAN");
        p.putArray("TTHCLIENTHONG");
        return p;
    }

    private static void ways(ArrayNode out, Random r, int i) {
        int[] channels = r.nextInt(3) == 0 ? new int[] {1, 2, 3} : new int[] {1, 2};
        String days = String.valueOf(1 + r.nextInt(20));
        String unit = pick(r, UNITS);
        boolean fee = r.nextInt(3) > 0;
        long amount = 10000L * (1 + r.nextInt(50));
        for (int c : channels) {
            ObjectNode way = out.addObject();
            if (i % 2 == 0) {
                way.put("KENH", c);
            } else {
                way.put("KENH", String.valueOf(c));
            }
            ObjectNode time = way.putArray("THOIGIAN").addObject();
            if (i % 5 == 0) {
                time.put("THOIGIANGIAIQUYET", Integer.parseInt(days));
            } else {
                time.put("THOIGIANGIAIQUYET", i % 11 == 0 ? days + ".5" : days);
            }
            time.put("DONVITINH", unit).put("MOTA", days + " " + unit.toLowerCase() + " kể từ ngày nhận đủ hồ sơ hợp lệ");
            ArrayNode fees = time.putArray("PHILEPHI");
            if (fee) {
                ObjectNode f = fees.addObject().put("MAPHILEPHI", "PLP." + String.format("%06d", i)).put("DONVI", "Đồng")
                        .put("MOTA", "Lệ phí").put("TENTEP", "").put("URL", "");
                if (i % 4 == 0) {
                    f.put("SOTIEN", (double) (c == 2 ? amount / 2 : amount));
                } else {
                    f.put("SOTIEN", String.valueOf(c == 2 ? amount / 2 : amount));
                }
            }
        }
    }

    private static List<String> results(ArrayNode out, Random r, int i, String ministry) {
        List<String> codes = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        for (int k = 0; k < n; k++) {
            String code = "KQ." + ministry + "." + String.format("%06d", i * 3 + k);
            codes.add(code);
            out.addObject().put("MAKETQUA", code).put("TENKETQUA", k == 0 ? "Giấy chứng nhận" : "Văn bản thông báo kết quả")
                    .put("TENTEP", "ket-qua-" + k + ".pdf").put("URL", "https://csdl.dichvucong.gov.vn/mau/" + code + ".pdf");
        }
        return codes;
    }

    private static void components(ArrayNode out, Random r, int i, String ministry, List<String> ownResults) {
        int cases = r.nextInt(4) == 0 ? 2 : 1;
        int seq = 0;
        for (int c = 0; c < cases; c++) {
            ObjectNode block = out.addObject().put("TRUONGHOP", cases == 1 ? "" : CASES[c]);
            ArrayNode papers = block.putArray("GIAYTO");
            int n = 2 + r.nextInt(5);
            for (int k = 0; k < n; k++) {
                String code = "GT." + ministry + "." + String.format("%06d", i * 10 + seq++);
                ObjectNode g = papers.addObject().put("MAGIAYTO", code).put("TENGIAYTO", pick(r, DOCUMENTS))
                        .put("TENMAUDON", k == 0 ? "Mẫu đơn " + (i % 20 + 1) : "");
                g.put(i % 6 == 0 ? "Url" : "URL", k == 0 ? "https://csdl.dichvucong.gov.vn/mau/" + code + ".docx" : "");
                if (i % 2 == 0) {
                    g.put("SOBANCHINH", 1).put("SOBANSAO", 0);
                } else {
                    g.put("SOBANCHINH", "1").put("SOBANSAO", "0");
                }
                // A paper an earlier procedure's result may stand for (its digitised copy in the results warehouse).
                if (k == 1 && i > 0 && i % 5 == 0) {
                    g.put("MA_KQ_THAYTHE", "KQ." + ministry + "." + String.format("%06d", (i - 1) * 3));
                }
            }
        }
    }

    ArrayNode domains() {
        ArrayNode out = JSON.createArrayNode();
        for (String[] d : DOMAINS) {
            out.addObject().put("MALINHVUC", d[0]).put("TENLINHVUC", d[1]).put("MANGANH", d[2]);
        }
        return out;
    }

    ArrayNode agencies() {
        ArrayNode out = JSON.createArrayNode();
        for (String[] a : AGENCIES) {
            ObjectNode agency = out.addObject().put("MADONVI", a[0]).put("TENDONVI", a[1]);
            if (a[2].equals("1")) {
                agency.put("CAPDONVI", a[2]);
            } else {
                agency.put("CAPDONVI", Integer.parseInt(a[2]));
            }
        }
        return out;
    }

    private Random random(int i) {
        return new Random(seed * 1_000_003L + i);
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
