package vn.lienthong.gateway.civilstatus;

/**
 * A dossier the gateway will not take as it came (malformed, unknown code, a file too large or badly named): held
 * DEAD with this reason, which names fields and rules only, never a value from the dossier (personal data).
 */
public class RefusedDossierException extends Exception {
    public RefusedDossierException(String reason) {
        super(reason);
    }
}
