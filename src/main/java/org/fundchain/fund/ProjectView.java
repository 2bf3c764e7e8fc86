package org.fundchain.fund;

import java.math.BigDecimal;
import java.util.List;

/**
 * A project as committed on the chain. Status: APPLIED, REJECTED, APPROVED, IMPLEMENTING, COMPLETED.
 * {@code draftId}, {@code approvedAt} and {@code funding} are null until approval.
 */
public record ProjectView(String id, String name, String county, String township, String department,
        BigDecimal budget, String implementationUnit, String description, String status, String applicant,
        String applicantOrg, long appliedAt, Long approvedAt, String draftId, List<Milestone> milestones,
        List<String> disbursementChain, List<ProgressReport> progress, List<StatusChange> history, Funding funding) {
}
