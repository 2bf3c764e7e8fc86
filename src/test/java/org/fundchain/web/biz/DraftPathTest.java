package org.fundchain.web.biz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.fundchain.web.biz.DraftPath.HopState;
import org.fundchain.web.biz.DraftPath.PlannedHop;
import org.fundchain.web.biz.DraftPath.Transfer;
import org.junit.jupiter.api.Test;

class DraftPathTest {
    static final long DAY = 86_400_000L;

    @Test
    void hopsAreColouredByWhatArrivedAndTheirDeadline() {
        List<PlannedHop> plan = List.of(
                new PlannedHop(0, "lp", "ACC-LP", "fund", "ACC-FUND", "1000.00", "1000.00", 10 * DAY),
                new PlannedHop(1, "fund", "ACC-FUND", "unit", "ACC-UNIT", "1000.00", "400.00", 20 * DAY),
                new PlannedHop(2, "unit", "ACC-UNIT", "x", "ACC-X", "1000.00", "0.00", 30 * DAY),
                new PlannedHop(3, "x", "ACC-X", "y", "ACC-Y", "1000.00", "0", 2 * DAY));
        List<Transfer> actual = List.of(new Transfer(0, "S0", "1000.00", DAY, DAY),
                new Transfer(1, "S1", "400.00", 2 * DAY, 2 * DAY));
        List<DraftPath.Hop> hops = DraftPath.of(plan, actual, 5 * DAY);
        assertEquals(List.of(HopState.DONE, HopState.PARTIAL, HopState.PENDING, HopState.LATE),
                hops.stream().map(DraftPath.Hop::state).toList());
        assertEquals(List.of("S0"), hops.get(0).transfers().stream().map(Transfer::serialNumber).toList());
        assertEquals(List.of("S1"), hops.get(1).transfers().stream().map(Transfer::serialNumber).toList());
        assertEquals(List.of(), hops.get(2).transfers());
    }

    @Test
    void aCompletedHopIsNeverLate() {
        assertEquals(HopState.DONE, DraftPath.state(
                new PlannedHop(0, "a", "A", "b", "B", "5.00", "5", DAY), 9 * DAY));
    }
}
