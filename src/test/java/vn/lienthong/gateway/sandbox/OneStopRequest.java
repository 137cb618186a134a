package vn.lienthong.gateway.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One request as the simulated one-stop system saw it, with what it answered.
 *
 * @param path    the path after the simulator's base path ({@code /api/v1/…})
 * @param headers request headers, names in lower case, first value of each
 * @param status  the answer's status; 0 when the connection was dropped (DOWN fault)
 */
public record OneStopRequest(Instant at, String method, String path, Map<String, String> headers, String body, int status) {
    public String header(String name) {
        return headers.get(name.toLowerCase());
    }
}
