package vn.lienthong.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.LookupsTestSupport;

class CitizenVerifyTest extends LookupsTestSupport {

    HttpResponse<String> verify(String body) throws Exception {
        return post("/api/v1/citizens/verify", KEY, body, "X-Officer-Id", "cb-07", "X-Purpose", "IDENTITY_CHECK");
    }

    /** ID, name (with diacritics, any case) and birth date that belong together answer only {"match":true}. */
    @Test
    void shouldAnswerMatchOnlyWhenDataBelongTogether() throws Exception {
        HttpResponse<String> r = verify("{\"personalId\":\"049085754323\",\"name\":\"nguyễn  văn an\",\"birthDate\":\"1985-03-12\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"match\":true}", r.body());
    }

    /** A name that differs gives {"match":false}, not a 404. */
    @Test
    void shouldAnswerNoMatchWhenNameDiffers() throws Exception {
        HttpResponse<String> r = verify("{\"personalId\":\"049085754323\",\"name\":\"Nguyễn Văn Anh\",\"birthDate\":\"1985-03-12\"}");
        assertEquals("{\"match\":false}", r.body());
    }

    /** đ is sent as D, and a year-only birth date is compared by year. */
    @Test
    void shouldMatchWhenOnlyBirthYearKnown() throws Exception {
        HttpResponse<String> r = verify("{\"personalId\":\"049158559797\",\"name\":\"Phạm Thị Hoa\",\"birthDate\":\"1958\"}");
        assertEquals("{\"match\":true}", r.body());
    }

    /** A birth date whose year disagrees with the ID's century and year digits is a 400 before any call. */
    @Test
    void shouldRefuseWhenBirthDateDisagreesWithId() throws Exception {
        CitizenLookupTest.assertRule(verify("{\"personalId\":\"049085754323\",\"name\":\"A\",\"birthDate\":\"1986-03-12\"}"),
                400, "personal-id.birth-year");
        CitizenLookupTest.assertRule(verify("{\"personalId\":\"049085754323\",\"name\":\"A\",\"birthDate\":\"12/03/1985\"}"),
                400, "birth-date.format");
        CitizenLookupTest.assertRule(verify("{\"personalId\":\"049085754323\",\"birthDate\":\"1985\"}"), 400, "required");
        assertEquals(0, POPULATION.calls());
    }
}
