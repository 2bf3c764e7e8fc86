package org.fundchain.contracts.scenario;

/** An alert the chain must raise: its code, the serial number it is about, and the anomaly behind it. */
public record ExpectedAlert(String code, String serialNumber, Anomaly cause, String projectId)
        implements Comparable<ExpectedAlert> {

    /** The part the chain can observe: code and serial number. */
    public String key() {
        return code + " " + serialNumber;
    }

    @Override
    public int compareTo(ExpectedAlert o) {
        return key().compareTo(o.key());
    }
}
