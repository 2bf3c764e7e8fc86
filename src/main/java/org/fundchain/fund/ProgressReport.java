package org.fundchain.fund;

import java.util.List;

/** A progress update of the implementation unit, with evidence file hashes (hex). */
public record ProgressReport(int milestone, String note, List<String> evidence, boolean completed, long at, String by) {
}
