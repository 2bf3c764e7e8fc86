package org.fundchain.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.security.CurrentUser;

/** The portal's side menu: every page the signed-in user's roles may open (same rules as the page guard). */
@Named
@RequestScoped
public class MenuBean {
    /** A menu entry; {@code id} is stable for tests (element id {@code menu-<id>}). */
    public record Item(String id, String path, String labelKey) {
    }

    public record Section(String titleKey, List<Item> items) {
    }

    private static final List<Section> ALL = List.of(
            new Section("menu.overview", List.of(
                    new Item("home", "/index.xhtml", "menu.home"))),
            new Section("menu.projects", List.of(
                    new Item("projects", "/projects/list.xhtml", "menu.projectList"),
                    new Item("apply", "/projects/apply.xhtml", "menu.projectApply"),
                    new Item("approve", "/projects/approve.xhtml", "menu.projectApprove"),
                    new Item("progress", "/progress/update.xhtml", "menu.progress"))),
            new Section("menu.funds", List.of(
                    new Item("drafts", "/drafts/mine.xhtml", "menu.drafts"),
                    new Item("disbursement", "/disbursement/register.xhtml", "menu.disbursement"),
                    new Item("bank", "/bank/flows.xhtml", "menu.bank"),
                    new Item("fundQuery", "/queries/funds.xhtml", "menu.fundQuery"),
                    new Item("projectQuery", "/queries/projects.xhtml", "menu.projectQuery"))),
            new Section("menu.supervision", List.of(
                    new Item("monitor", "/monitor/alerts.xhtml", "menu.monitor"),
                    new Item("explorer", "/explorer/index.xhtml", "menu.explorer"),
                    new Item("nodes", "/explorer/nodes.xhtml", "menu.nodes"))),
            new Section("menu.service", List.of(
                    new Item("customer", "/customer/index.xhtml", "menu.customer"),
                    new Item("warnings", "/customer/warnings.xhtml", "menu.warnings"),
                    new Item("report", "/customer/report.xhtml", "menu.report"))),
            new Section("menu.admin", List.of(
                    new Item("adminUsers", "/admin/users.xhtml", "menu.adminUsers"),
                    new Item("adminRegistrations", "/admin/registrations.xhtml", "menu.adminRegistrations"),
                    new Item("adminOrgs", "/admin/organisations.xhtml", "menu.adminOrgs"),
                    new Item("adminRoles", "/admin/roles.xhtml", "menu.adminRoles"),
                    new Item("adminNodes", "/admin/nodes.xhtml", "menu.adminNodes"),
                    new Item("adminProblems", "/admin/problems.xhtml", "menu.adminProblems"))));

    @Inject
    CurrentUser user;

    private List<Section> sections;

    public List<Section> getSections() {
        if (sections == null) {
            sections = new ArrayList<>();
            for (Section s : ALL) {
                List<Item> mine = s.items().stream().filter(i -> user.mayOpen(i.path())).toList();
                if (!mine.isEmpty()) {
                    sections.add(new Section(s.titleKey(), mine));
                }
            }
        }
        return sections;
    }

    /**
     * The entry's link, built by the view handler: for a protected view (faces-config) it carries the session's
     * {@code jakarta.faces.Token}, which is how the portal's own navigation opens those pages.
     */
    public String href(Item item) {
        return hrefTo(item.path());
    }

    /** A link to the view {@code viewId}, with the token if the view is protected. */
    public String hrefTo(String viewId) {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc.getApplication().getViewHandler().getBookmarkableURL(fc, viewId, Map.of(), false);
    }

    public boolean isCurrent(Item item) {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc != null && fc.getViewRoot() != null && item.path().equals(fc.getViewRoot().getViewId());
    }
}
