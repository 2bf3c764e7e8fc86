package org.fundchain.web.push;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

import org.fundchain.fund.AlertView;
import org.fundchain.fund.DraftView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.FundSnapshot;
import org.fundchain.fund.FundUpdated;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Viewer;
import org.fundchain.security.PushIdentity;
import org.fundchain.web.i18n.Messages;

/**
 * Delivers live notifications to open portal pages. Fed by the read model's {@link FundUpdated} event: new
 * anomaly alerts the user may see, status changes of drafts their organisation is a party to, and status changes
 * of projects they may see — each only if the user's {@link PushSubscription} has that topic on.
 */
@ApplicationScoped
public class PushHub {
    private static final Logger LOG = Logger.getLogger(PushHub.class.getName());
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** At most this many messages per connection per update; the rest are summarised in one line. */
    static final int MAX_PER_UPDATE = 6;

    private record Connection(PushIdentity identity, PushSubscription subscription) {
    }

    private final Map<Session, Connection> sessions = new ConcurrentHashMap<>();
    /** Last status seen per project / draft id, so only real status changes are pushed. */
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> seenHeight = new ConcurrentHashMap<>();

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @Inject
    FundQueries queries;

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    Messages messages;

    void join(Session session, PushIdentity identity) {
        sessions.put(session, new Connection(identity, subscriptions.find(identity.username())));
    }

    void leave(Session session) {
        sessions.remove(session);
    }

    /** The user changed their subscription: open pages follow at once. */
    public void subscriptionChanged(String username) {
        PushSubscription s = subscriptions.find(username);
        sessions.replaceAll((k, c) -> c.identity().username().equals(username) ? new Connection(c.identity(), s) : c);
    }

    public int connections() {
        return sessions.size();
    }

    void on(@Observes FundUpdated e) {
        // Observed on the node's worker thread: never block it on browsers' sockets.
        executor.execute(() -> publish(e));
    }

    private synchronized void publish(FundUpdated e) {
        Optional<FundSnapshot> snap = queries.snapshot(e.chain());
        if (snap.isEmpty()) {
            return;
        }
        boolean first = seenHeight.put(e.chain(), e.height()) == null;
        List<ProjectView> projectChanges = new ArrayList<>();
        List<DraftView> draftChanges = new ArrayList<>();
        for (String id : e.changedIds()) {
            queries.project(e.chain(), id).filter(p -> changed(p.id(), p.status())).ifPresent(projectChanges::add);
            queries.draft(e.chain(), id).filter(d -> changed(d.draftId(), d.status())).ifPresent(draftChanges::add);
        }
        if (first || sessions.isEmpty()) {
            return; // the rebuild at node start: remember statuses, announce nothing
        }
        for (Map.Entry<Session, Connection> c : sessions.entrySet()) {
            try {
                deliver(c.getKey(), c.getValue(), snap.get(), e, projectChanges, draftChanges);
            } catch (RuntimeException ex) {
                LOG.fine("push to a closed page failed: " + ex.getMessage());
                sessions.remove(c.getKey());
            }
        }
    }

    private boolean changed(String id, String status) {
        return !status.equals(statuses.put(id, status));
    }

    private void deliver(Session s, Connection c, FundSnapshot snap, FundUpdated e, List<ProjectView> projects,
            List<DraftView> drafts) {
        if (!s.isOpen()) {
            sessions.remove(s);
            return;
        }
        Optional<Viewer> v = queries.viewer(e.chain(), c.identity().signerId());
        if (v.isEmpty()) {
            return; // disabled meanwhile: the page guard signs the user out on the next request
        }
        Locale locale = "en".equals(c.identity().language()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
        List<PushMessage> out = new ArrayList<>();
        if (c.subscription().isAlerts()) {
            for (AlertView a : e.newAlerts()) {
                if (FundQueries.maySee(snap, v.get(), a)) {
                    out.add(new PushMessage("alert", messages.text(locale, "push.alert.title", a.code()),
                            messages.text(locale, "push.alert.text", nz(a.draftId()), nz(a.serialNumber()), nz(a.message())),
                            "/monitor/alerts.xhtml", e.height(), time(a.at(), locale)));
                }
            }
        }
        if (c.subscription().isDrafts()) {
            for (DraftView d : drafts) {
                String org = c.identity().organisation();
                if (d.parties().contains(org) || org.equals(d.issuerOrg())) {
                    out.add(new PushMessage("draft", messages.text(locale, "push.draft.title", d.draftId()),
                            messages.text(locale, "push.draft.text", d.projectName(), status(locale, d.status())),
                            "/drafts/detail.xhtml?id=" + d.draftId(), e.height(), time(snap.blockTime(), locale)));
                }
            }
        }
        if (c.subscription().isProjects()) {
            for (ProjectView p : projects) {
                if (v.get().maySee(p)) {
                    out.add(new PushMessage("project", messages.text(locale, "push.project.title", p.id()),
                            messages.text(locale, "push.project.text", p.name(), status(locale, p.status())),
                            "/projects/detail.xhtml?id=" + p.id(), e.height(), time(snap.blockTime(), locale)));
                }
            }
        }
        int n = 0;
        for (PushMessage m : out) {
            if (++n > MAX_PER_UPDATE) {
                send(s, new PushMessage("info", messages.text(locale, "push.more.title"),
                        messages.text(locale, "push.more.text", out.size() - MAX_PER_UPDATE), null, e.height(),
                        time(snap.blockTime(), locale)));
                break;
            }
            send(s, m);
        }
    }

    private String status(Locale locale, String status) {
        String t = messages.text(locale, "fundStatus." + status);
        return t.startsWith("fundStatus.") ? status : t;
    }

    private static String nz(Object o) {
        return o == null ? "—" : o.toString();
    }

    private static void send(Session s, PushMessage m) {
        synchronized (s) { // one message at a time per socket
            try {
                s.getBasicRemote().sendText(m.json());
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
    }

    private static String time(long epochMs, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(ZONE)
                .format(Instant.ofEpochMilli(epochMs));
    }
}
