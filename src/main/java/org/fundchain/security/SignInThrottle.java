package org.fundchain.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Sign-in throttling, without any container API and with the clock passed in, so it is tested deterministically.
 * <ul>
 * <li><b>Per account</b> (the username as typed, known or not): the first {@code accountFreeFailures} failures cost
 * nothing; each further one makes the next try wait {@code firstDelayMs}, doubling, up to {@code maxDelayMs}; after
 * {@code lockAfterFailures} failures in a row the account is <b>locked</b> — even the right password is refused —
 * until an administrator lifts it ({@link #unlock}). A success resets the account's count.</li>
 * <li><b>Per address</b> (IPv4, or the IPv6 /64): after {@code addressFreeFailures} failures the same growing delay;
 * only failures count (an address that signs in often is never slowed), successes do not wash them out, and the
 * count is forgotten {@code addressForgetMs} after the address's last failure.</li>
 * <li>A refused try costs no password check: {@link #begin} answers at once with the seconds to wait, nothing sleeps.
 * One try per account and {@code maxInFlightPerAddress} per address may be checked at the same time, so parallel
 * requests cannot run more guesses than the counters allow.</li>
 * <li>Unknown usernames get exactly the verdicts a real account would get (lockout does not tell who exists); the
 * tables are bounded by {@code maxTracked} entries each (plus the accounts of this node with failures), and
 * evicting one never resets a real account's count or lifts its lock.</li>
 * </ul>
 * Thread-safe; state is the node's memory (a restart forgets counters and locks).
 */
public final class SignInThrottle {
    /** The rules; see the class comment. */
    public record Limits(int accountFreeFailures, int lockAfterFailures, int addressFreeFailures, long firstDelayMs,
            long maxDelayMs, long accountForgetMs, long addressForgetMs, int maxInFlightPerAddress, long inFlightExpiryMs,
            int maxTracked) {
        public Limits {
            if (accountFreeFailures < 0 || lockAfterFailures <= accountFreeFailures || addressFreeFailures < 0
                    || firstDelayMs <= 0 || maxDelayMs < firstDelayMs || accountForgetMs <= 0 || addressForgetMs <= 0
                    || maxInFlightPerAddress < 1 || inFlightExpiryMs <= 0 || maxTracked < 1) {
                throw new IllegalArgumentException("implausible sign-in limits");
            }
        }
    }

    /**
     * 3 free failures per account, then 1, 2, 4 … 64 s; locked at the 10th failure in a row. 10 free failures per
     * address, then 1 s doubling to at most 5 min, forgotten after an hour without failures. A forgotten account
     * count (24 h after its last failure) never forgets a lock. 4 checks at once per address.
     */
    public static final Limits DEFAULT = new Limits(3, 10, 10, 1_000, 300_000, 86_400_000L, 3_600_000L, 4, 60_000,
            10_000);

    /** How a checked try ended. */
    public enum Result {
        /** Signed in. */
        SUCCESS,
        /** Unknown username or wrong password. */
        FAILURE,
        /** The password was right but the sign-in did not happen (pending, disabled, key unusable): no count. */
        NEUTRAL
    }

    /** The answer before a try: go and check the password, wait, or locked. */
    public sealed interface Verdict permits Go, Wait, Locked {
        default boolean allowed() {
            return this instanceof Go;
        }
    }

    public record Go() implements Verdict {
    }

    /** Try again in this many seconds (at least 1). */
    public record Wait(long seconds) implements Verdict {
    }

    public record Locked() implements Verdict {
    }

    private static final class Counter {
        int failures;
        long lastFailure;
        boolean locked;
        /**
         * The count or lock of an account this node has: never evicted (so a flood of other names cannot wash it
         * out); its lock is never forgotten either, only lifted by {@link #unlock}.
         */
        boolean keep;
        final List<Long> inFlight = new ArrayList<>(1);

        boolean idle() {
            return failures == 0 && inFlight.isEmpty() && !locked;
        }
    }

    private final Limits limits;
    private final LongSupplier clock;
    /** Access-ordered: the eldest entry is the least recently used. */
    private final LinkedHashMap<String, Counter> accounts = new LinkedHashMap<>(64, 0.75f, true);
    private final LinkedHashMap<String, Counter> addresses = new LinkedHashMap<>(64, 0.75f, true);

    public SignInThrottle(Limits limits, LongSupplier clockMs) {
        this.limits = limits;
        this.clock = clockMs;
    }

    /**
     * Before checking a password: {@link Go} reserves the check (call {@link #end} when it is done, always), the other
     * verdicts refuse at once.
     */
    public synchronized Verdict begin(String account, String address) {
        long now = clock.getAsLong();
        Counter a = current(accounts, account, now, limits.accountForgetMs());
        Counter ip = current(addresses, address, now, limits.addressForgetMs());
        if (a != null && a.locked) {
            return new Locked();
        }
        long waitMs = Math.max(remaining(a, limits.accountFreeFailures(), now),
                remaining(ip, limits.addressFreeFailures(), now));
        if (waitMs > 0) {
            return new Wait(Math.max(1, (waitMs + 999) / 1000));
        }
        if (a != null && !a.inFlight.isEmpty() || ip != null && ip.inFlight.size() >= limits.maxInFlightPerAddress()) {
            return new Wait(1);
        }
        counter(accounts, account, now).inFlight.add(now);
        counter(addresses, address, now).inFlight.add(now);
        return new Go();
    }

    /** After a try that {@link #begin} let through; {@code knownAccount}: the username is an account of this node. */
    public synchronized void end(String account, String address, Result result, boolean knownAccount) {
        long now = clock.getAsLong();
        Counter a = counter(accounts, account, now);
        Counter ip = counter(addresses, address, now);
        release(a);
        release(ip);
        switch (result) {
            case SUCCESS -> {
                a.failures = 0;
                a.lastFailure = 0;
                a.keep = false;
            }
            case FAILURE -> {
                fail(a, now);
                fail(ip, now);
                a.keep = a.keep || knownAccount;
                if (a.failures >= limits.lockAfterFailures()) {
                    a.locked = true;
                }
            }
            case NEUTRAL -> {
            }
        }
        tidy(accounts, account);
        tidy(addresses, address);
    }

    /** Lifts an account's lock and clears its count; false if it was not locked. */
    public synchronized boolean unlock(String account) {
        Counter a = accounts.get(account);
        if (a == null || !a.locked) {
            return false;
        }
        a.locked = false;
        a.keep = false;
        a.failures = 0;
        a.lastFailure = 0;
        tidy(accounts, account);
        return true;
    }

    public synchronized boolean isLocked(String account) {
        Counter a = accounts.get(account);
        return a != null && a.locked;
    }

    /** Locked usernames, known or not, in name order (the administrator's page shows the known ones). */
    public synchronized SortedSet<String> locked() {
        SortedSet<String> out = new TreeSet<>();
        accounts.forEach((k, v) -> {
            if (v.locked) {
                out.add(k);
            }
        });
        return out;
    }

    /** Entries held in both tables (for the memory bound). */
    public synchronized int tracked() {
        return accounts.size() + addresses.size();
    }

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}(%[0-9A-Za-z]{1,16})?");

    /**
     * The throttle's key for a client address ({@code ServletRequest#getRemoteAddr}, never a forwarded header a
     * client could choose): an IPv4 address as is, an IPv6 address by its /64 (one host gets a whole /64);
     * anything else is one shared key.
     */
    public static String addressKey(String remoteAddr) {
        if (remoteAddr == null) {
            return "?";
        }
        String s = remoteAddr.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!IPV4.matcher(s).matches() && !(s.contains(":") && IPV6.matcher(s).matches())) {
            return "?";
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress(); // a literal: no name lookup
            if (b.length == 4) {
                return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
            }
            StringBuilder k = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                k.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return k.append(":/64").toString();
        } catch (UnknownHostException e) {
            return "?";
        }
    }

    // ------------------------------------------------------------------ internals

    /** The entry for key with forgotten failures and expired in-flight checks dropped; null if there is none. */
    private Counter current(Map<String, Counter> table, String key, long now, long forgetMs) {
        Counter c = table.get(key);
        if (c == null) {
            return null;
        }
        c.inFlight.removeIf(t -> now - t > limits.inFlightExpiryMs());
        if (!c.locked && c.failures > 0 && now - c.lastFailure > forgetMs) {
            c.failures = 0;
            c.lastFailure = 0;
            c.keep = false;
        }
        if (c.idle()) {
            table.remove(key);
            return null;
        }
        return c;
    }

    private Counter counter(LinkedHashMap<String, Counter> table, String key, long now) {
        Counter c = table.get(key);
        if (c == null) {
            evictIfFull(table, now);
            c = new Counter();
            table.put(key, c);
        }
        return c;
    }

    /** Makes room for one entry: idle or forgotten entries first, then the least recently used one not kept. */
    private void evictIfFull(LinkedHashMap<String, Counter> table, long now) {
        if (table.size() < limits.maxTracked()) {
            return;
        }
        long forget = table == accounts ? limits.accountForgetMs() : limits.addressForgetMs();
        table.values().removeIf(c -> {
            c.inFlight.removeIf(t -> now - t > limits.inFlightExpiryMs());
            return !c.locked && c.inFlight.isEmpty() && (c.failures == 0 || now - c.lastFailure > forget);
        });
        for (Iterator<Counter> it = table.values().iterator(); table.size() >= limits.maxTracked() && it.hasNext();) {
            if (!it.next().keep) {
                it.remove();
            }
        }
    }

    private long remaining(Counter c, int free, long now) {
        if (c == null || c.failures < free) {
            return 0;
        }
        return c.lastFailure + delay(c.failures - free) - now;
    }

    /** firstDelay × 2^n, at most maxDelay. */
    private long delay(int n) {
        long d = limits.firstDelayMs();
        for (int i = 0; i < n && d < limits.maxDelayMs(); i++) {
            d *= 2;
        }
        return Math.min(d, limits.maxDelayMs());
    }

    private static void fail(Counter c, long now) {
        if (c.failures < Integer.MAX_VALUE) {
            c.failures++;
        }
        c.lastFailure = now;
    }

    private static void release(Counter c) {
        if (!c.inFlight.isEmpty()) {
            c.inFlight.remove(0);
        }
    }

    private static void tidy(Map<String, Counter> table, String key) {
        Counter c = table.get(key);
        if (c != null && c.idle()) {
            table.remove(key);
        }
    }
}
