package org.fundchain.web.biz;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.contracts.Townships;
import org.fundchain.fund.OrganisationView;

/** /projects/apply.xhtml (COUNTY_HQ): the application form; one use case, {@link #submit()}. */
@Named
@ViewScoped
public class ApplyBean implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> HOLDERS = Set.of("PROVINCIAL_FINANCE", "COUNTY_FINANCE", "LIMITED_PARTNERSHIP",
            "COUNTY_FUND_COMPANY");

    private static final java.util.Map<String, String> FIELD_LABEL = java.util.Map.of("name", "project.name",
            "township", "project.township", "department", "project.department", "budget", "project.budget",
            "unit", "project.unit", "fund", "apply.fund", "milestones", "project.milestones",
            "description", "project.description");

    @Inject
    BizActions actions;

    private ApplicationForm form = new ApplicationForm();

    /** Checks the form, signs project.apply as the user and reports the new project number or the refusal. */
    public String submit() {
        List<ApplicationForm.Problem> problems = form.problems();
        for (ApplicationForm.Problem p : problems) {
            // the page-wide message list shows which field, the message beside the field the same text
            actions.error("apply:" + p.field(), "refusal.detail", actions.text(FIELD_LABEL.getOrDefault(p.field(), "apply.title")),
                    actions.format(p.key(), p.args()));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        actions.submit("project", "apply", form.args()).ifPresent(r -> {
            actions.info("apply.done", r.resultObject().get("id"));
            form = new ApplicationForm();
        });
        return null;
    }

    public List<Townships.Township> getTownships() {
        return Townships.ALL;
    }

    public String townshipKey(Townships.Township t) {
        return ApplicationForm.townshipKey(t);
    }

    public List<OrganisationView> getUnits() {
        return ofType(Set.of("IMPLEMENTATION_UNIT"));
    }

    public List<OrganisationView> getFunds() {
        return ofType(Set.of("LIMITED_PARTNERSHIP"));
    }

    /** Organisations that may hold money on its way down (finance bureaus, fund companies). */
    public List<OrganisationView> getHolders() {
        return ofType(HOLDERS);
    }

    private List<OrganisationView> ofType(Set<String> types) {
        return actions.organisations().stream().filter(o -> o.enabled() && types.contains(o.type())).toList();
    }

    public String getMilestoneSumText() {
        return actions.format("apply.milestoneSum", new BizFormat().money(form.getMilestoneSum()),
                new BizFormat().money(form.getBudget() == null ? "" : form.getBudget().replace(",", "")));
    }

    public ApplicationForm getForm() {
        return form;
    }
}
