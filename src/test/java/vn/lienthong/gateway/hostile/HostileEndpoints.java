package vn.lienthong.gateway.hostile;

import java.util.List;

/**
 * Every endpoint the hostile-input suite attacks: THE list a new flow extends with its own endpoints (method, path
 * template, who may call it, what its body is). {@link HostileRequestsTest} fails when a REST route of routes/
 * is missing here.
 */
final class HostileEndpoints {

    /** How a legitimate caller proves itself. */
    enum Caller { ONE_STOP, LOOKUPS, ADMIN, PORTAL_SIGNATURE, PAYMENT_SEAL }

    /** What a legitimate body looks like; the suite breaks it. */
    enum Body { NONE, DOSSIER_EVENT, DOSSIER_BATCH, VERIFY, CALLBACK, STATUS_REPORT, PORTAL_DOSSIER, PAYMENT, PAYMENT_CONFIRM, BILL_LOOKUP }

    /**
     * @param pathTemplate the route's path; {@code {name}} segments are filled by the suite with broken values of the
     *                     identifier that name stands for (personalId, dossierCode, enterpriseCode, destination, id, code,
     *                     fileId, portalCode, reference)
     * @param query        a query parameter the endpoint reads, filled like a path segment, or null
     */
    record Endpoint(String method, String pathTemplate, Caller caller, Body body, String query) {
        String routeKey() {
            return method + " " + pathTemplate;
        }
    }

    static final List<Endpoint> ALL = List.of(
            new Endpoint("POST", "/api/v1/dossier-events", Caller.ONE_STOP, Body.DOSSIER_EVENT, null),
            new Endpoint("POST", "/api/v1/dossier-events/batch", Caller.ONE_STOP, Body.DOSSIER_BATCH, null),
            new Endpoint("GET", "/api/v1/dossiers/{dossierCode}/events", Caller.ONE_STOP, Body.NONE, null),
            new Endpoint("GET", "/api/v1/citizens/{personalId}", Caller.LOOKUPS, Body.NONE, null),
            new Endpoint("POST", "/api/v1/citizens/verify", Caller.LOOKUPS, Body.VERIFY, null),
            new Endpoint("GET", "/api/v1/enterprises/{enterpriseCode}", Caller.LOOKUPS, Body.NONE, null),
            new Endpoint("POST", "/api/v1/portal/callbacks", Caller.PORTAL_SIGNATURE, Body.CALLBACK, null),
            new Endpoint("POST", "/api/v1/civil-status/statuses", Caller.ONE_STOP, Body.STATUS_REPORT, null),
            new Endpoint("GET", "/api/v1/civil-status/files/{fileId}", Caller.ONE_STOP, Body.NONE, null),
            new Endpoint("GET", "/api/v1/civil-status/dossiers/{portalCode}", Caller.ONE_STOP, Body.NONE, null),
            new Endpoint("POST", "/api/v1/portal/dossiers", Caller.ONE_STOP, Body.PORTAL_DOSSIER, null),
            new Endpoint("POST", "/api/v1/payments", Caller.ONE_STOP, Body.PAYMENT, null),
            new Endpoint("GET", "/api/v1/payments/{reference}", Caller.ONE_STOP, Body.NONE, null),
            new Endpoint("GET", "/api/v1/payments/{reference}/receipt", Caller.ONE_STOP, Body.NONE, null),
            new Endpoint("POST", "/api/v1/payment-platform/confirm", Caller.PAYMENT_SEAL, Body.PAYMENT_CONFIRM, null),
            new Endpoint("POST", "/api/v1/payment-platform/dptracuuthanhtoanhs", Caller.ONE_STOP, Body.BILL_LOOKUP, null),
            new Endpoint("GET", "/admin/audit", Caller.ADMIN, Body.NONE, "personalId"),
            new Endpoint("GET", "/admin/destinations/{destination}", Caller.ADMIN, Body.NONE, null),
            new Endpoint("GET", "/admin/destinations/{destination}/dead", Caller.ADMIN, Body.NONE, null),
            new Endpoint("POST", "/admin/destinations/{destination}/events/{id}/replay", Caller.ADMIN, Body.NONE, null),
            new Endpoint("POST", "/admin/destinations/{destination}/events/{id}/skip", Caller.ADMIN, Body.NONE, null),
            new Endpoint("POST", "/admin/destinations/{destination}/replay-dead", Caller.ADMIN, Body.NONE, null),
            new Endpoint("POST", "/admin/destinations/{destination}/pause", Caller.ADMIN, Body.NONE, null),
            new Endpoint("POST", "/admin/destinations/{destination}/resume", Caller.ADMIN, Body.NONE, null),
            new Endpoint("GET", "/admin/catalogue/procedures/{code}", Caller.ADMIN, Body.NONE, null));

    /**
     * REST routes the suite leaves alone, each with the reason: they take no client value that could be malformed, and
     * a well-formed call changes what the other tries see.
     */
    static final List<String> NOT_ATTACKED = List.of(
            "GET /admin/destinations",        // no input
            "GET /admin/mappings",            // no input
            "POST /admin/mappings/reload",    // no input; reloads the mappings
            "GET /admin/catalogue",           // no input
            "POST /admin/catalogue/refresh"); // no input; calls the portal by design

    private HostileEndpoints() {
    }
}
