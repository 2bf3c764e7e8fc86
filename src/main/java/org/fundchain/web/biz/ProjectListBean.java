package org.fundchain.web.biz;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.contracts.Townships;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Page;
import org.fundchain.fund.ProjectFilter;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Viewer;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** /projects/list.xhtml: the projects the user may see, searched and filtered, one page at a time. */
@Named
@ViewScoped
public class ProjectListBean implements Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> STATUSES = List.of("APPLIED", "APPROVED", "REJECTED", "IMPLEMENTING", "COMPLETED");

    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    private String query;
    private String status;
    private String county;
    private String township;

    private final LazyDataModel<ProjectView> model = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) page(0, 1).total();
        }

        @Override
        public List<ProjectView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            int size = Math.max(1, Math.min(FundQueries.MAX_PAGE_SIZE, pageSize));
            Page<ProjectView> p = page(first / size, size);
            setRowCount((int) p.total());
            return p.items();
        }

        @Override
        public String getRowKey(ProjectView p) {
            return p.id();
        }
    };

    Page<ProjectView> page(int page, int size) {
        Viewer v = actions.viewer().orElse(null);
        if (v == null) {
            return new Page<>(List.of(), page, size, 0);
        }
        return queries.projects(BizActions.CHAIN, v, new ProjectFilter(trim(query), blankToNull(status),
                blankToNull(county), blankToNull(township)), page, size);
    }

    public void reset() {
        query = null;
        status = null;
        county = null;
        township = null;
    }

    public List<String> getStatuses() {
        return STATUSES;
    }

    public List<String> getCounties() {
        return new ArrayList<>(new TreeSet<>(Townships.ALL.stream().map(Townships.Township::county).toList()));
    }

    /** Township names; with a county chosen, only its own. */
    public List<String> getTownshipNames() {
        List<String> out = new ArrayList<>();
        for (Townships.Township t : Townships.ALL) {
            if ((county == null || county.isBlank() || county.equals(t.county())) && !out.contains(t.name())) {
                out.add(t.name());
            }
        }
        return out;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public LazyDataModel<ProjectView> getModel() {
        return model;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query != null && query.length() > 100 ? query.substring(0, 100) : query;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = STATUSES.contains(status) ? status : null;
    }

    public String getCounty() {
        return county;
    }

    public void setCounty(String county) {
        this.county = county;
    }

    public String getTownship() {
        return township;
    }

    public void setTownship(String township) {
        this.township = township;
    }
}
