package org.fundchain.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;

import org.fundchain.security.SignInThrottle.Go;
import org.fundchain.security.SignInThrottle.Locked;
import org.fundchain.security.SignInThrottle.Result;
import org.fundchain.security.SignInThrottle.Verdict;
import org.fundchain.security.SignInThrottle.Wait;
import org.junit.jupiter.api.Test;

/**
 * The sign-in throttle played by a password guesser, on a clock the test moves (no sleeps): per account and per
 * address, a growing delay refused up front, a lockout only an administrator lifts, bounded memory.
 */
class SignInThrottleTest {
    long now = 1_000_000_000L;
    final SignInThrottle t = new SignInThrottle(SignInThrottle.DEFAULT, () -> now);

    /** One attempt: waits as told (the clock moves), then fails or succeeds. Returns the verdict it finally got. */
    Verdict attempt(String account, String address, Result result, boolean known) {
        return attempt(t, account, address, result, known);
    }

    Verdict attempt(SignInThrottle th, String account, String address, Result result, boolean known) {
        Verdict v = th.begin(account, address);
        if (v instanceof Wait w) {
            now += w.seconds() * 1000;
            v = th.begin(account, address);
        }
        if (v.allowed()) {
            th.end(account, address, result, known);
        }
        return v;
    }

    @Test
    void thirtyWrongPasswordsThenTheRightOneDoesNotSignIn() {
        // the guesser from issue 11: 30 wrong passwords, waiting whenever told to, then the right one
        for (int i = 0; i < 30; i++) {
            attempt("admin", "203.0.113.7", Result.FAILURE, true);
        }
        assertInstanceOf(Locked.class, t.begin("admin", "203.0.113.7"), "locked after 10 failures");
        // from another address, a day later, the account stays locked: it is not the address that is locked
        now += 7 * 86_400_000L;
        assertInstanceOf(Locked.class, t.begin("admin", "198.51.100.1"));
        assertTrue(t.isLocked("admin"));
        assertEquals(Set.of("admin"), t.locked());
        // the administrator lifts it; the right password now signs in
        assertTrue(t.unlock("admin"));
        assertFalse(t.isLocked("admin"));
        assertInstanceOf(Go.class, attempt("admin", "198.51.100.1", Result.SUCCESS, true));
        assertFalse(t.unlock("admin"), "nothing left to lift");
    }

    @Test
    void delayGrowsAndIsRefusedEarlyWithTheSecondsToWait() {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Go.class, t.begin("lgo", "10.0.0.1"), "three free tries");
            t.end("lgo", "10.0.0.1", Result.FAILURE, true);
        }
        long[] expected = {1, 2, 4, 8, 16, 32, 64};
        for (long seconds : expected) {
            Verdict v = t.begin("lgo", "10.0.0.1");
            assertEquals(new Wait(seconds), v, "refused at once, told how long");
            now += seconds * 1000 - 1;
            assertEquals(new Wait(1), t.begin("lgo", "10.0.0.1"), "1 ms early is still early");
            now += 1;
            assertInstanceOf(Go.class, t.begin("lgo", "10.0.0.1"));
            t.end("lgo", "10.0.0.1", Result.FAILURE, true);
        }
        assertInstanceOf(Locked.class, t.begin("lgo", "10.0.0.1"), "the 10th failure locks");
    }

    @Test
    void aSuccessResetsTheAccountButNotTheAddress() {
        for (int i = 0; i < 3; i++) {
            attempt("bank", "10.0.0.2", Result.FAILURE, true);
        }
        attempt("bank", "10.0.0.2", Result.SUCCESS, true);
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Go.class, t.begin("bank", "10.0.0.3"), "the account counts from zero again");
            t.end("bank", "10.0.0.3", Result.FAILURE, true);
        }
        // an attacker cannot wash its address by signing in to its own account between guesses
        for (int i = 0; i < 6; i++) {
            attempt("victim" + i, "10.0.0.9", Result.FAILURE, false);
            attempt("mine", "10.0.0.9", Result.SUCCESS, true);
        }
        attempt("victim-x", "10.0.0.9", Result.FAILURE, false);
        // 7 failures and 6 successes from .9: successes do not count, failures do
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(Go.class, t.begin("other" + i, "10.0.0.9"));
            t.end("other" + i, "10.0.0.9", Result.FAILURE, false);
        }
        assertInstanceOf(Wait.class, t.begin("fresh-name", "10.0.0.9"), "the 11th try from the address waits");
    }

    @Test
    void oneAddressSprayingManyAccountsIsSlowedDown() {
        // password spraying: one password against many usernames, each account's own counter stays low
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(Go.class, t.begin("user" + i, "192.0.2.50"));
            t.end("user" + i, "192.0.2.50", Result.FAILURE, i % 2 == 0);
        }
        for (int i = 10; i < 20; i++) {
            Verdict v = t.begin("user" + i, "192.0.2.50");
            if (v instanceof Wait) {
                refused++;
                now += ((Wait) v).seconds() * 1000;
                v = t.begin("user" + i, "192.0.2.50");
            }
            assertInstanceOf(Go.class, v);
            t.end("user" + i, "192.0.2.50", Result.FAILURE, false);
        }
        assertEquals(10, refused, "every try past the 10th from the address had to wait");
        Verdict last = t.begin("user99", "192.0.2.50");
        assertTrue(last instanceof Wait w && w.seconds() >= 300, "the address delay reaches its cap: " + last);
        assertTrue(last instanceof Wait w && w.seconds() <= 300, "and stays there: " + last);
        // another address is not affected; the address is forgotten after an hour without failures
        assertInstanceOf(Go.class, t.begin("user99", "192.0.2.51"));
        t.end("user99", "192.0.2.51", Result.NEUTRAL, false);
        now += 3_600_001L;
        assertInstanceOf(Go.class, t.begin("user98", "192.0.2.50"));
    }

    @Test
    void successesAndNeutralOutcomesNeverThrottleAnAddress() {
        // the browser ITs sign in dozens of times from 127.0.0.1: only failures count
        for (int i = 0; i < 500; i++) {
            assertInstanceOf(Go.class, attempt("user" + (i % 9), "127.0.0.1", i % 3 == 0 ? Result.NEUTRAL : Result.SUCCESS, true));
        }
        assertInstanceOf(Go.class, t.begin("admin", "127.0.0.1"));
    }

    @Test
    void parallelGuessesForOneAccountAreRefusedWhileOneIsInFlight() {
        assertInstanceOf(Go.class, t.begin("provfin", "10.1.0.1"));
        // 50 parallel requests from 50 addresses for the same account: none gets a second PBKDF2 check in
        for (int i = 0; i < 50; i++) {
            assertEquals(new Wait(1), t.begin("provfin", "10.1.1." + i));
        }
        t.end("provfin", "10.1.0.1", Result.FAILURE, true);
        assertInstanceOf(Go.class, t.begin("provfin", "10.1.1.1"));
        t.end("provfin", "10.1.1.1", Result.FAILURE, true);
        // one address may run only a few sign-ins at once (each costs a PBKDF2 run)
        for (int i = 0; i < SignInThrottle.DEFAULT.maxInFlightPerAddress(); i++) {
            assertInstanceOf(Go.class, t.begin("a" + i, "10.2.0.1"));
        }
        assertEquals(new Wait(1), t.begin("a-next", "10.2.0.1"));
        // a request that never reported back (a crashed thread) does not hold the slot for ever
        now += SignInThrottle.DEFAULT.inFlightExpiryMs() + 1;
        assertInstanceOf(Go.class, t.begin("a-next", "10.2.0.1"));
    }

    @Test
    void unknownUsernamesBehaveLikeKnownOnes() {
        // the same verdicts for a name that does not exist, so lockout does not tell who is a user
        SignInThrottle other = new SignInThrottle(SignInThrottle.DEFAULT, () -> now);
        for (int i = 0; i < 12; i++) {
            Verdict known = t.begin("countyhq", "10.3.0.1");
            Verdict unknown = other.begin("nobody-here", "10.3.0.1");
            assertEquals(known, unknown, "try " + i);
            if (known instanceof Wait w) {
                now += w.seconds() * 1000;
                assertEquals(t.begin("countyhq", "10.3.0.1"), other.begin("nobody-here", "10.3.0.1"));
            }
            if (known.allowed() || known instanceof Wait) {
                t.end("countyhq", "10.3.0.1", Result.FAILURE, true);
                other.end("nobody-here", "10.3.0.1", Result.FAILURE, false);
            }
        }
        assertInstanceOf(Locked.class, other.begin("nobody-here", "10.3.0.4"));
    }

    @Test
    void memoryIsBoundedButAKnownAccountsLockSurvivesAFlood() {
        SignInThrottle.Limits small = new SignInThrottle.Limits(3, 10, 1_000_000, 1_000, 300_000, 86_400_000L,
                3_600_000L, 4, 60_000, 100);
        SignInThrottle s = new SignInThrottle(small, () -> now);
        for (int i = 0; i < 10; i++) {
            attempt(s, "impl", "10.4.0.1", Result.FAILURE, true);
        }
        assertTrue(s.isLocked("impl"));
        // a seeded flood of random usernames from random addresses, far more than the table holds
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String name = "n" + r.nextInt(1_000_000);
            String addr = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            if (s.begin(name, addr).allowed()) {
                s.end(name, addr, Result.FAILURE, false);
            }
            assertTrue(s.tracked() <= 2 * 100 + 1, "bounded: " + s.tracked());
        }
        assertTrue(s.isLocked("impl"), "a flood cannot evict a real account's lock");
        assertInstanceOf(Locked.class, s.begin("impl", "10.9.9.9"));
    }

    @Test
    void addressesAreKeyedByIpv4OrIpv6Slash64() {
        assertEquals("203.0.113.7", SignInThrottle.addressKey("203.0.113.7"));
        assertEquals(SignInThrottle.addressKey("2001:db8:1:2::1"), SignInThrottle.addressKey("2001:db8:1:2:ffff:1:2:3"),
                "one /64 is one address: rotating the interface id does not help");
        assertFalse(SignInThrottle.addressKey("2001:db8:1:2::1").equals(SignInThrottle.addressKey("2001:db8:1:3::1")));
        assertEquals("127.0.0.1", SignInThrottle.addressKey("::ffff:127.0.0.1"));
        assertEquals("?", SignInThrottle.addressKey(null));
        assertEquals("?", SignInThrottle.addressKey("not an address; drop table"));
    }
}
