package org.fundchain.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.codec.Json;
import org.fundchain.fund.Dashboard;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.ReleasePoint;
import org.fundchain.fund.TownshipTotals;
import org.fundchain.security.RegistryIdentities;
import org.fundchain.web.i18n.Messages;

/**
 * The home dashboard: the read model's summary of the main chain and two Chart.js charts (money per township,
 * cumulative release over time) for PrimeFaces' {@code p:chart}.
 */
@Named
@RequestScoped
public class DashboardBean {
    @Inject
    FundQueries queries;

    @Inject
    Messages messages;

    private Optional<Dashboard> dashboard;

    public Dashboard getSummary() {
        if (dashboard == null) {
            dashboard = queries.dashboard(RegistryIdentities.CHAIN);
        }
        return dashboard.orElse(null);
    }

    /** Money in yuan with the locale's grouping, two decimals. */
    public String money(BigDecimal amount) {
        NumberFormat f = NumberFormat.getNumberInstance(messages.locale());
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(amount == null ? BigDecimal.ZERO : amount);
    }

    /** Townships with any money, for the table under the chart. */
    public List<TownshipTotals> getActiveTownships() {
        Dashboard d = getSummary();
        return d == null ? List.of()
                : d.byTownship().stream().filter(t -> t.projects() > 0 || t.issued().signum() > 0).toList();
    }

    /** Bar chart: issued, arrived and released per township (all 20, SPEC §1.6 order). */
    public String getTownshipChart() {
        Dashboard d = getSummary();
        if (d == null) {
            return null;
        }
        List<Object> labels = new ArrayList<>();
        List<Object> issued = new ArrayList<>();
        List<Object> arrived = new ArrayList<>();
        List<Object> released = new ArrayList<>();
        for (TownshipTotals t : d.byTownship()) {
            labels.add(t.township());
            issued.add(t.issued());
            arrived.add(t.arrived());
            released.add(t.released());
        }
        List<Object> sets = List.of(dataset(messages.text("dashboard.issued"), issued, "#ef9a9a"),
                dataset(messages.text("dashboard.arrived"), arrived, "#e57373"),
                dataset(messages.text("dashboard.released"), released, "#b71c1c"));
        return chart("bar", labels, sets);
    }

    /** Line chart: cumulative money released per day. */
    public String getReleaseChart() {
        Dashboard d = getSummary();
        if (d == null) {
            return null;
        }
        List<Object> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (ReleasePoint p : d.releasedOverTime()) {
            labels.add(p.day());
            values.add(p.cumulative());
        }
        Map<String, Object> set = dataset(messages.text("dashboard.releasedCumulative"), values, "#b71c1c");
        set.put("fill", Boolean.FALSE);
        set.put("tension", new BigDecimal("0.2"));
        return chart("line", labels, List.of(set));
    }

    private static Map<String, Object> dataset(String label, List<Object> data, String colour) {
        Map<String, Object> m = new TreeMap<>();
        m.put("label", label);
        m.put("data", data);
        m.put("backgroundColor", colour);
        m.put("borderColor", colour);
        return m;
    }

    private static String chart(String type, List<Object> labels, List<Object> datasets) {
        Map<String, Object> data = new TreeMap<>();
        data.put("labels", labels);
        data.put("datasets", datasets);
        Map<String, Object> options = new TreeMap<>();
        options.put("responsive", Boolean.TRUE);
        options.put("maintainAspectRatio", Boolean.FALSE);
        options.put("animation", Boolean.FALSE); // figures are final: show them at once (and in screenshots)
        Map<String, Object> config = new TreeMap<>();
        config.put("type", type);
        config.put("data", data);
        config.put("options", options);
        return Json.write(config);
    }
}
