package vn.lienthong.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PersonalDataMaskerTest {

    /** A 12-digit ID anywhere in a line keeps only its first and last three digits. */
    @Test
    void shouldMaskPersonalIdWhenAnywhereInText() {
        assertEquals("lookup 049******323 done", PersonalDataMasker.mask("lookup 049085754323 done"));
        assertEquals("/citizens/049******323?x", PersonalDataMasker.mask("/citizens/049085754323?x"));
        assertEquals("ts 1732550400123", PersonalDataMasker.mask("ts 1732550400123"));
    }

    /** Name, birth date and address values in JSON, XML and key=value text are replaced by ***. */
    @Test
    void shouldMaskNamesDatesAndAddressesWhenInStructuredText() {
        assertEquals("{\"full\":\"***\",\"birthDate\":\"***\",\"sex\":\"MALE\"}",
                PersonalDataMasker.mask("{\"full\":\"Nguyễn Văn An\",\"birthDate\":\"1985-03-12\",\"sex\":\"MALE\"}"));
        assertEquals("<d:HoVaTen>***</d:HoVaTen><d:NgayThangNam>***</d:NgayThangNam>",
                PersonalDataMasker.mask("<d:HoVaTen>NGUYEN VAN AN</d:HoVaTen><d:NgayThangNam>19850312</d:NgayThangNam>"));
        assertEquals("Citizen[name=***, address=***]", PersonalDataMasker.mask("Citizen[name=Nguyễn Văn An, address=Tổ 37]"));
    }

    /** A dossier's applicant whole, its name, birth date, address, e-mail and phone fields, and bare e-mails are masked. */
    @Test
    void shouldMaskApplicantContactAndNameFieldsWhenInPortalText() {
        assertEquals("{\"ChuHoSo\":\"***\",\"MaHoSo\":\"H47-1\"}", PersonalDataMasker.mask(
                "{\"ChuHoSo\":{\"HoTen\":\"Trần Thị Cúc\",\"SoDienThoai\":\"0905123456\"},\"MaHoSo\":\"H47-1\"}"));
        assertEquals("{\"HoTen\":\"***\",\"NgaySinh\":\"***\",\"DiaChi\":\"***\",\"email\":\"***\",\"phone\":\"***\"}",
                PersonalDataMasker.mask("{\"HoTen\":\"Trần Thị Cúc\",\"NgaySinh\":\"1990-01-02\",\"DiaChi\":\"Tổ 3\","
                        + "\"email\":\"cuc@example.vn\",\"phone\":\"0905123456\"}"));
        assertEquals("portal error: owner ***@*** refused", PersonalDataMasker.mask("portal error: owner cuc.tran@mail.example.vn refused"));
        assertEquals("<HoTen>***</HoTen> SoDienThoai=***", PersonalDataMasker.mask("<HoTen>Trần Thị Cúc</HoTen> SoDienThoai=0905123456"));
    }
}
