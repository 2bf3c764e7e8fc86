package org.fundchain.launcher;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.genesis.Organisation;
import org.fundchain.genesis.Role;

/**
 * The demo consortium's organisations and users (SPEC §1.2): one organisation and one user per role,
 * set in Weining county (one of the 20 townships' counties): the county-level organisations carry 威宁县, so the
 * contracts scope them to it; the provincial ones have no county. The first four organisations run nodes;
 * the others use the portal of the node named in {@link Organisation#node()}.
 */
final class DemoConsortium {
    /** The county of the demo's county-level organisations. */
    static final String COUNTY = "威宁县";
    /** id, name, role, county (null: provincial); index i < nodeCount runs node i, the rest per {@link #HOST_OF}. */
    private static final String[][] ORGS = {
        {"gz-lgo", "贵州省扶贫开发领导小组办公室", "LEADING_GROUP_OFFICE", null},
        {"gz-finance", "贵州省财政厅", "PROVINCIAL_FINANCE", null},
        {"demo-bank", "贵州示范商业银行", "COMMERCIAL_BANK", null},
        {"gz-fund-lp", "贵州扶贫产业投资基金（有限合伙）", "LIMITED_PARTNERSHIP", null},
        {"fc-platform", "扶贫资金链平台运营中心", "ADMIN", null},
        {"weining-hq", "威宁县脱贫攻坚指挥部", "COUNTY_HQ", COUNTY},
        {"weining-finance", "威宁县财政局", "COUNTY_FINANCE", COUNTY},
        {"weining-fund", "威宁县扶贫开发投资有限公司", "COUNTY_FUND_COMPANY", COUNTY},
        {"shimen-coop", "石门乡种植专业合作社", "IMPLEMENTATION_UNIT", COUNTY},
    };
    /** Which of the four node-running organisations hosts each other organisation's users. */
    private static final int[] HOST_OF = {0, 1, 2, 3, 0, 3, 1, 3, 3};

    /** username, display name, organisation id. */
    private static final String[][] USERS = {
        {"admin", "平台管理员 刘洋", "fc-platform"},
        {"lgo", "王丽", "gz-lgo"},
        {"provfin", "赵敏", "gz-finance"},
        {"countyhq", "陈杰", "weining-hq"},
        {"countyfin", "刘阳", "weining-finance"},
        {"bank", "孙华", "demo-bank"},
        {"lp", "周强", "gz-fund-lp"},
        {"countyfund", "吴芳", "weining-fund"},
        {"impl", "郑磊", "shimen-coop"},
    };

    private DemoConsortium() {
    }

    static List<Organisation> organisations(int nodeCount) {
        List<Organisation> out = new ArrayList<>();
        for (int i = 0; i < ORGS.length; i++) {
            int host = HOST_OF[i] % nodeCount;
            out.add(new Organisation(ORGS[i][0], ORGS[i][1], Role.valueOf(ORGS[i][2]), "node" + host, ORGS[i][3]));
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
