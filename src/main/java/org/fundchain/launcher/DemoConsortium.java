package org.fundchain.launcher;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.genesis.Organisation;
import org.fundchain.genesis.Role;

/**
 * The demo consortium's organisations and users (SPEC §1.2): one organisation and one user per role,
 * set in Weining county (one of the 20 townships' counties). The first four organisations run nodes;
 * the others use the portal of the node named in {@link Organisation#node()}.
 */
final class DemoConsortium {
    /** id, name, role; index i < nodeCount runs node i, the rest are hosted per {@link #HOST_OF}. */
    private static final String[][] ORGS = {
        {"gz-lgo", "Guizhou Poverty-Alleviation Fund Leading Group Office", "LEADING_GROUP_OFFICE"},
        {"gz-finance", "Guizhou Provincial Department of Finance", "PROVINCIAL_FINANCE"},
        {"demo-bank", "Guizhou Demo Commercial Bank", "COMMERCIAL_BANK"},
        {"gz-fund-lp", "Guizhou Poverty-Alleviation Industry Fund LP", "LIMITED_PARTNERSHIP"},
        {"fc-platform", "FundChain Platform Operations", "ADMIN"},
        {"weining-hq", "Weining County Poverty-Alleviation Headquarters", "COUNTY_HQ"},
        {"weining-finance", "Weining County Finance Bureau", "COUNTY_FINANCE"},
        {"weining-fund", "Weining County Poverty-Alleviation Fund Company", "COUNTY_FUND_COMPANY"},
        {"shimen-coop", "Shimen Township Planting Cooperative (implementation unit)", "IMPLEMENTATION_UNIT"},
    };
    /** Which of the four node-running organisations hosts each other organisation's users. */
    private static final int[] HOST_OF = {0, 1, 2, 3, 0, 3, 1, 3, 3};

    /** username, display name, organisation id. */
    private static final String[][] USERS = {
        {"admin", "Platform Administrator", "fc-platform"},
        {"lgo", "Wang Li (Leading Group Office)", "gz-lgo"},
        {"provfin", "Zhao Min (Provincial Finance)", "gz-finance"},
        {"countyhq", "Chen Jie (Weining County HQ)", "weining-hq"},
        {"countyfin", "Liu Yang (Weining Finance Bureau)", "weining-finance"},
        {"bank", "Sun Hua (Demo Commercial Bank)", "demo-bank"},
        {"lp", "Zhou Qiang (Industry Fund LP)", "gz-fund-lp"},
        {"countyfund", "Wu Fang (Weining Fund Company)", "weining-fund"},
        {"impl", "Zheng Lei (Shimen Cooperative)", "shimen-coop"},
    };

    private DemoConsortium() {
    }

    static List<Organisation> organisations(int nodeCount) {
        List<Organisation> out = new ArrayList<>();
        for (int i = 0; i < ORGS.length; i++) {
            int host = HOST_OF[i] % nodeCount;
            out.add(new Organisation(ORGS[i][0], ORGS[i][1], Role.valueOf(ORGS[i][2]), "node" + host));
        }
        return out;
    }

    /** The organisation running node i (the first four organisations, cycling if there are more nodes). */
    static String memberOrganisation(int node) {
        return ORGS[node % 4][0];
    }

    record UserSpec(String username, String displayName, String organisation) {
    }

    static List<UserSpec> users() {
        List<UserSpec> out = new ArrayList<>();
        for (String[] u : USERS) {
            out.add(new UserSpec(u[0], u[1], u[2]));
        }
        return out;
    }
}
