package org.fundchain.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DialPlanTest {
    private final DialPlan plan = new DialPlan(250, 8_000, 15_000);

    @Test
    void dialsAtOnceAndOnlyOneAttemptAtATime() {
        long a = plan.tick(0);
        assertEquals(1, a);
        assertTrue(plan.isCurrent(a));
        assertEquals(0, plan.tick(100));
        assertEquals(0, plan.tick(14_999));
    }

    @Test
    void aFailedAttemptIsRetriedAfterABackoffThatDoublesUpToTheCap() {
        long now = 0;
        long a = plan.tick(now);
        long expected = 250;
        for (int i = 0; i < 8; i++) {
            plan.ended(a, now);
            assertFalse(plan.isCurrent(a));
            assertEquals(0, plan.tick(now + expected - 1), "too early after failure " + i);
            now += expected;
            a = plan.tick(now);
            assertTrue(a > 0, "redial after failure " + i);
            expected = Math.min(8_000, expected * 2);
        }
        assertEquals(8_000, plan.backoffMs());
    }

    @Test
    void anAttemptThatHangsIsAbandonedAndANewOneStarted() {
        long a = plan.tick(0);
        // neither onOpen, nor a failure, nor a close ever arrives
        long b = plan.tick(15_000);
        assertEquals(0, b, "a hung attempt counts as a failure: backoff first");
        long c = plan.tick(15_250);
        assertTrue(c > a);
        assertFalse(plan.isCurrent(a), "callbacks of the hung attempt no longer count");
        assertTrue(plan.isCurrent(c));
        plan.authenticated(a);
        assertFalse(plan.isUp(), "a late success of the abandoned attempt must not mark the link up");
        plan.ended(a, 15_300);
        assertTrue(plan.isCurrent(c), "a late close of the abandoned attempt must not end the new one");
    }

    @Test
    void anAuthenticatedLinkIsLeftAloneAndResetsTheBackoff() {
        long a = plan.tick(0);
        plan.ended(a, 0);
        a = plan.tick(250);
        plan.ended(a, 250);
        a = plan.tick(750);
        plan.authenticated(a);
        assertTrue(plan.isUp());
        assertEquals(250, plan.backoffMs());
        assertEquals(0, plan.tick(1_000_000), "no redial, however long the link stays up");
        plan.ended(a, 1_000_000);
        assertFalse(plan.isUp());
        assertEquals(0, plan.tick(1_000_249));
        assertTrue(plan.tick(1_000_250) > a);
    }

    @Test
    void refusesNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> new DialPlan(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new DialPlan(10, 5, 10));
        assertThrows(IllegalArgumentException.class, () -> new DialPlan(10, 10, 0));
    }
}
