package vn.lienthong.gateway.sandbox;


import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Request;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import vn.lienthong.gateway.national.population.NameNormalizer;
import vn.lienthong.gateway.national.population.PopulationAuthInterceptor;

/**
 * In-process stand-in for the National Population Database (SOAP 1.1, population-db.wsdl at
 * {@code /dancu}) serving the fictional records of sandbox/citizens.json: {@code TraCuuThongTinCongDan}
 * answers the record, {@code XacThucThongTinCongDan} compares the upper-case, diacritic-free name and the
 * birth date. Checks the authentication headers of population-db.md (a wrong one is fault DC401); an
 * unknown ID is DC404, a malformed request DC400; FAULT rules answer their MaLoi, RATE_LIMITED DC429.
 */
public final class PopulationSimulator extends LookupSimulator {
    public static final String BASE_PATH = "/dancu";
    public static final String NS = "http://dancuquocgia.bca";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String XML = "text/xml; charset=utf-8";
    private static final List<String> ADDRESSES = List.of("NoiDangKyKhaiSinh", "QueQuan", "ThuongTru", "NoiOHienTai");
    private static final List<String> RELATIVES = List.of("Cha", "Me", "VoChong", "ChuHo");

    private final String user;
    private final String secret;
    private final String apiKey;
    private final Map<String, JsonNode> byId = new HashMap<>();
    private final DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();

    public PopulationSimulator(int port, String user, String secret, String apiKey) {
        super(port, BASE_PATH);
        this.user = user;
        this.secret = secret;
        this.apiKey = apiKey;
        dbf.setNamespaceAware(true);
        try {
            // No DOCTYPE at all: a SOAP request never has one, and with it come external entities (XXE).
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot refuse DOCTYPEs", e);
        }
        dbf.setXIncludeAware(false);
        dbf.setExpandEntityReferences(false);
        for (JsonNode c : records("/sandbox/citizens.json")) {
            byId.put(c.path("SoDinhDanh").asText(), c);
        }
    }

    /** The SOAP endpoint is the base URL itself, without a query. */
    @Override
    protected boolean exactUrl(String path, String query) {
        return path.equals(BASE_PATH) && query == null;
    }

    @Override
    protected String method() {
        return "POST";
    }

    @Override
    protected Answer serve(Request request, SimFault fault) {
        if (!authorised(request)) {
            return soapFault("DC401", "không có quyền truy cập");
        }
        Element op;
        try {
            DocumentBuilder db = dbf.newDocumentBuilder();
            Document doc = db.parse(new ByteArrayInputStream(request.getBody()));
            Element body = child(doc.getDocumentElement(), "Body");
            op = body == null ? null : firstElement(body);
        } catch (Exception e) {
            return soapFault("DC400", "yêu cầu không hợp lệ");
        }
        if (op == null || !NS.equals(op.getNamespaceURI())) {
            return soapFault("DC400", "yêu cầu không hợp lệ");
        }
        String maYeuCau = text(op, "MaYeuCau");
        String id = text(op, "SoDinhDanh");
        if (maYeuCau == null || id == null || !id.matches("\\d{12}") || text(op, "MaCanBo") == null) {
            return soapFault("DC400", "thiếu thông tin bắt buộc");
        }
        JsonNode citizen = byId.get(id);
        switch (op.getLocalName()) {
            case "TraCuuThongTinCongDan" -> {
                if (citizen == null) return soapFault("DC404", "không tìm thấy công dân");
                return envelope("<d:TraCuuThongTinCongDanResponse xmlns:d=\"" + NS + "\"><d:MaYeuCau>" + esc(maYeuCau)
                        + "</d:MaYeuCau><d:CongdanCollection>" + congDan(citizen) + "</d:CongdanCollection></d:TraCuuThongTinCongDanResponse>");
            }
            case "XacThucThongTinCongDan" -> {
                boolean match = citizen != null && matches(citizen, op);
                return envelope("<d:XacThucThongTinCongDanResponse xmlns:d=\"" + NS + "\"><d:MaYeuCau>" + esc(maYeuCau)
                        + "</d:MaYeuCau><d:TonTai>" + match + "</d:TonTai></d:XacThucThongTinCongDanResponse>");
            }
            default -> {
                return soapFault("DC400", "thao tác không hỗ trợ");
            }
        }
    }

    @Override
    protected Answer faultAnswer(SimFault fault) {
        if (fault.mode() == SimFault.Mode.RATE_LIMITED) {
            return soapFault("DC429", "vượt hạn mức");
        }
        return soapFault(fault.code() == null ? "DC503" : fault.code(), "lỗi (mô phỏng)");
    }

    private boolean authorised(Request r) {
        String ts = r.getHeader("Timestamp");
        String auth = r.getHeader("Authorization");
        if (ts == null || auth == null || r.getHeader("X-Road-Client") == null || !apiKey.equals(r.getHeader("ApiKey"))) {
            return false;
        }
        String path = r.getUrl();
        int q = path.indexOf('?');
        String url = "http://" + r.getHeader("Host") + (q < 0 ? path : path.substring(0, q));
        return auth.equals(PopulationAuthInterceptor.authorization(url, user, ts, secret));
    }

    private static boolean matches(JsonNode c, Element op) {
        JsonNode n = c.path("HoVaTen");
        String full = String.join(" ", List.of(n.path("Ho").asText(""), n.path("ChuDem").asText(""), n.path("Ten").asText("")));
        String asked = text(op, "HoVaTen");
        if (asked == null || !NameNormalizer.normalize(full).equals(asked)) {
            return false;
        }
        Element born = child(op, "NgayThangNamSinh");
        if (born == null) {
            return false;
        }
        JsonNode recorded = c.path("NgayThangNamSinh");
        String day = text(born, "NgayThangNam");
        String year = text(born, "Nam");
        String recordedDay = recorded.path("NgayThangNam").asText(null);
        String recordedYear = recorded.path("Nam").asText(recordedDay == null ? null : recordedDay.substring(0, 4));
        return day != null ? day.equals(recordedDay) : year != null && year.equals(recordedYear);
    }

    /** The record as a {@code CongDan} element, in the order of the WSDL's sequence. */
    private static String congDan(JsonNode c) {
        StringBuilder b = new StringBuilder("<d:CongDan>");
        leaf(b, "SoDinhDanh", c);
        leaf(b, "SoCMND", c);
        JsonNode n = c.path("HoVaTen");
        b.append("<d:HoVaTen>");
        leaf(b, "Ho", n);
        leaf(b, "ChuDem", n);
        leaf(b, "Ten", n);
        b.append("</d:HoVaTen>");
        for (String f : List.of("GioiTinh", "DanToc", "TonGiao", "TinhTrangHonNhan", "NhomMau")) leaf(b, f, c);
        JsonNode born = c.path("NgayThangNamSinh");
        b.append("<d:NgayThangNamSinh>");
        leaf(b, "NgayThangNam", born);
        leaf(b, "Nam", born);
        b.append("</d:NgayThangNamSinh>");
        leaf(b, "QuocTich", c);
        leaf(b, "SoSoHoKhau", c);
        for (String a : ADDRESSES) {
            JsonNode addr = c.get(a);
            if (addr == null || addr.isNull()) continue;
            b.append("<d:").append(a).append('>');
            for (String f : List.of("MaTinhThanh", "MaQuanHuyen", "MaPhuongXa", "ChiTiet")) leaf(b, f, addr);
            b.append("</d:").append(a).append('>');
        }
        for (String r : RELATIVES) {
            JsonNode p = c.get(r);
            if (p == null || p.isNull()) continue;
            b.append("<d:").append(r).append('>');
            for (String f : List.of("HoVaTen", "SoDinhDanh", "QuanHe")) leaf(b, f, p);
            b.append("</d:").append(r).append('>');
        }
        leaf(b, "TinhTrang", c);
        return b.append("</d:CongDan>").toString();
    }

    private static void leaf(StringBuilder b, String field, JsonNode from) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            b.append("<d:").append(field).append('>').append(esc(v.asText())).append("</d:").append(field).append('>');
        }
    }

    private static Answer envelope(String body) {
        return Answer.of(200, XML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP
                + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>");
    }

    private static Answer soapFault(String code, String text) {
        return Answer.of(500, XML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP
                + "\"><soap:Body><soap:Fault><faultcode>soap:" + (code.equals("DC400") || code.equals("DC404") ? "Client" : "Server")
                + "</faultcode><faultstring>" + esc(code + ": " + text) + "</faultstring><detail><d:LoiTraCuu xmlns:d=\"" + NS
                + "\"><d:MaLoi>" + code + "</d:MaLoi><d:MoTa>" + esc(text) + "</d:MoTa></d:LoiTraCuu></detail></soap:Fault>"
                + "</soap:Body></soap:Envelope>");
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) return e;
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? null : e.getTextContent().trim();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
