package vn.lienthong.gateway.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One {@code /integration} request as the simulated portal saw it, with what it answered.
 *
 * @param body       the parsed request body ({@code MissingNode} if it was not JSON)
 * @param httpStatus 0 when the connection was dropped (DOWN fault)
 * @param answer     the response body, {@code null} when there was none
 */
public record ReceivedCall(Instant at, String service, String isUpdating, String madonvi, String dstcode,
                           JsonNode body, int httpStatus, String answer) {
}
