package vn.lienthong.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.sandbox.SimFault;

@ExtendWith(OutputCaptureExtension.class)
class LookupLogCaptureTest extends LookupsTestSupport {

    /** The logs of lookups, verifications and their failures hold no whole ID, name, birth date or address. */
    @Test
    void shouldLogNoPersonalDataWhenLookingUpCitizens(CapturedOutput output) throws Exception {
        String id = "049085754323";
        assertEquals(200, get("/api/v1/citizens/" + id, KEY, "X-Officer-Id", "cb", "X-Purpose", "ETHNICITY_RECORD",
                "X-Dossier-Code", DOSSIER).statusCode());
        post("/api/v1/citizens/verify", KEY, "{\"personalId\":\"" + id + "\",\"name\":\"Nguyễn Văn An\",\"birthDate\":\"1985-03-12\"}",
                "X-Officer-Id", "cb", "X-Purpose", "IDENTITY_CHECK");
        POPULATION.addFault(SimFault.fault("DC401", 1));
        get("/api/v1/citizens/" + id, KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
        POPULATION.addFault(SimFault.fault("DC503", 2));
        get("/api/v1/citizens/" + id, KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
        get("/api/v1/citizens/049985754323", KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
        // a careless log line is still masked by the logging layer
        LoggerFactory.getLogger("careless").warn("citizen {} record {}", id,
                "{\"full\":\"Nguyễn Văn An\",\"birthDate\":\"1985-03-12\",\"detail\":\"Tổ 37, phường Hội An\"}",
                new IllegalStateException("failed for " + id));

        String logs = output.getAll();
        for (String secret : List.of(id, "049985754323", "Nguyễn Văn An", "NGUYEN VAN AN", "1985-03-12", "19850312",
                "Tổ 37", "Tổ 34")) {
            assertFalse(logs.contains(secret), "the logs hold " + secret);
        }
        assertTrue(logs.contains("citizen 049******323 record"), "the careless line is there, masked");
        assertTrue(logs.contains("failed for 049******323"), "exception messages are masked");
        assertTrue(logs.contains("ALARM population-db"), "the DC401 alarm is logged");
    }
}
