package org.fundchain.fund;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is looking, for role-scoped reads: an admitted signer with its organisation, the organisation's county
 * and type, and its roles. ADMIN, LEADING_GROUP_OFFICE and PROVINCIAL_FINANCE see everything; COUNTY_HQ and
 * COUNTY_FINANCE see their county (everything if their organisation has none); every other role sees what its
 * organisation is a party to (on a draft's path, final payee, the bank of a flow, the implementation unit).
 */
public record Viewer(String signerId, String org, String orgType, String county, Set<String> roles) {
    private static final Set<String> SEE_ALL = Set.of("ADMIN", "LEADING_GROUP_OFFICE", "PROVINCIAL_FINANCE");
    private static final Set<String> SEE_COUNTY = Set.of("COUNTY_HQ", "COUNTY_FINANCE");
    private static final Set<String> TECHNICAL = Set.of("NODE", "LOAD");

    public Viewer {
        roles = Set.copyOf(roles);
    }

    /** The node itself (timers, rebuilds): sees everything. */
    public static Viewer node() {
        return new Viewer(null, null, null, null, Set.of("ADMIN"));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean seesAll() {
        return roles.stream().anyMatch(SEE_ALL::contains)
                || county == null && roles.stream().anyMatch(SEE_COUNTY::contains);
    }

    /** Whether an item of this county with these parties (organisation ids) is visible. */
    public boolean maySee(String itemCounty, Collection<String> parties) {
        if (seesAll()) {
            return true;
        }
        if (county != null && county.equals(itemCounty) && roles.stream().anyMatch(SEE_COUNTY::contains)) {
            return true;
        }
        // a node key (NODE) or the load client (LOAD) sees nothing of the business, not even its organisation's
        return org != null && parties.contains(org) && roles.stream().anyMatch(r -> !TECHNICAL.contains(r));
    }

    public boolean maySee(ProjectView p) {
        List<String> parties = new java.util.ArrayList<>(p.disbursementChain());
        parties.add(p.implementationUnit());
        parties.add(p.applicantOrg());
        return maySee(p.county(), parties);
    }

    public boolean maySee(DraftView d) {
        return maySee(d.county(), d.parties());
    }

    public boolean maySee(FlowView f) {
        List<String> parties = new java.util.ArrayList<>();
        for (String s : new String[] {f.bank(), f.registeredBy(), f.payerOrg(), f.payeeOrg()}) {
            if (s != null) {
                parties.add(s);
            }
        }
        return maySee(f.county(), parties);
    }
}
