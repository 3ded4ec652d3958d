#if JORNADA_INTERNAL_CHECKS
@testable import DiscreteEvents
import Testing

/// Present only when the tests are built with `-Xswiftc -DJORNADA_INTERNAL_CHECKS` (CI's third
/// step looks for it to prove the flag reached the package's own targets).
@Suite("Internal invariant checks")
struct InternalChecksTests {
    @Test func internalChecksAreCompiledIn() {
        var q = EventQueue<Int>()
        for i in 0..<200 { q.schedule(i, at: SimTime(ticks: Int64(i * 7 % 50))) }
        while q.popNext() != nil {}
        q.checkInvariants()
        #expect(q.isEmpty)
    }

    @Test func aCorruptedQueueTraps() async {
        await #expect(processExitsWith: .failure) {
            var q = EventQueue<Int>()
            q.schedule(1, at: .zero)
            q.liveCount = 5   // corrupt the bookkeeping: the next check must trap
            q.checkInvariants()
        }
    }
}
#endif
