package vn.lienthong.gateway.national.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.Problem;

/** How the one-stop API answers a {@link NationalFailure}: 404, 400, 502, 503 with Retry-After, 504. */
public final class NationalProblems {
    private NationalProblems() {
    }

    public static ObjectNode of(NationalFailure f, String what) {
        return switch (f.kind()) {
            case NOT_FOUND -> Problem.of(404, "not-found", what + " not found", "the " + f.system() + " has no such " + what.toLowerCase());
            case INVALID -> Problem.of(400, "national-refused", "Refused by " + f.system(),
                    "the " + f.system() + " refused the request as malformed (" + f.code() + ")");
            case REFUSED -> Problem.of(502, "national-refused", "Refused by " + f.system(),
                    "the " + f.system() + " refused the gateway's request; operators were alerted");
            case UNAUTHORISED, BAD_ANSWER -> Problem.of(502, "bad-gateway", "National system error",
                    "the " + f.system() + " did not give a usable answer; operators were alerted");
            case TIMEOUT -> Problem.of(504, "national-timeout", "National system timeout",
                    "the " + f.system() + " did not answer in time; try again later");
            case BREAKER_OPEN, BUSY, RATE_LIMITED, HELD_BACK, UNAVAILABLE -> Problem.of(503, "national-unavailable",
                    "National system unavailable", "the " + f.system() + " cannot be asked now ("
                            + f.kind().name().toLowerCase().replace('_', ' ') + "); try again later");
        };
    }

    /** The problem, with Retry-After for a 503: the system's own, else 5 s for an outage and 1 s for a guard's refusal. */
    public static ApiReply reply(NationalFailure f, String what) {
        ApiReply problem = ApiReply.problem(of(f, what));
        if (f.kind().status() != 503) {
            return problem;
        }
        return problem.retryAfter(f.retryAfterSeconds() > 0 ? f.retryAfterSeconds() : f.kind() == NationalFailure.Kind.UNAVAILABLE ? 5 : 1);
    }
}
