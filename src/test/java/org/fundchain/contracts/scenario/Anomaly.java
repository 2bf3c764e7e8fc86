package org.fundchain.contracts.scenario;

/** Faults the generator injects into a project's life, and what the chain must answer to each. */
public enum Anomaly {
    /** The bank moved a different amount than the payer registered → alert AMOUNT_MISMATCH. */
    WRONG_AMOUNT("AMOUNT_MISMATCH", null),
    /** The money went to an account that is not the hop's payee → alert PAYEE_MISMATCH. */
    WRONG_PAYEE("PAYEE_MISMATCH", null),
    /** The bank executed the transfer after the hop's deadline → alert LATE_TRANSFER. */
    LATE_TRANSFER("LATE_TRANSFER", null),
    /** A registered transfer the bank never confirms → alert UNMATCHED_REGISTRATION at the sweep. */
    MISSING_BANK_FLOW("UNMATCHED_REGISTRATION", null),
    /** A serial number already used for an earlier hop is registered again → alert DUPLICATE_SERIAL. */
    DUPLICATE_SERIAL("DUPLICATE_SERIAL", null),
    /** A signer whose role (or admission) does not allow the operation → transaction REJECTED, no alert. */
    UNAUTHORISED_SIGNER(null, "FORBIDDEN or NOT_ADMITTED");

    private final String alertCode;
    private final String rejection;

    Anomaly(String alertCode, String rejection) {
        this.alertCode = alertCode;
        this.rejection = rejection;
    }

    /** The alert the chain must raise, or null when the answer is a rejection. */
    public String alertCode() {
        return alertCode;
    }

    public String rejection() {
        return rejection;
    }
}
