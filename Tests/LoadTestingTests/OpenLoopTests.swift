import DeliveryScheduling
import DiscreteEvents
import Foundation
import RetailerJourneys
import Testing
@testable import LoadTesting

/// A desk that stops answering once, for `stall` microseconds, at its first hop past `at`
/// nanoseconds: it holds its lock while it sleeps, as a stuck desk holds its clients.
final class StallingDesk: @unchecked Sendable {
    let at: Int64
    let stall: UInt32
    var stalled = false
    let start = MonotonicClock.now()
    let lock = NSLock()

    init(at: Int64, stallMicroseconds: UInt32) { self.at = at; stall = stallMicroseconds }

    /// Serves a hop: blocks (every client) the first time past `at`.
    func serve(_ count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if !stalled && MonotonicClock.now() - start >= at { stalled = true; usleep(stall) }
        return count
    }
}

/// Clients run on threads of their own (`LoadRun.runThreads`), so a busy task pool (the whole test
/// suite runs in parallel) cannot starve them past the run's deadline.
struct StallingDriver: BlockingLoadDriver {
    let desk: StallingDesk
    mutating func send(_ count: Int, at now: SimTime) -> HopOutcome {
        _ = desk.serve(count)
        return HopOutcome()
    }
    func finish() -> Int { 0 }
}

@Suite(.serialized) struct OpenLoopTests {
    /// The coordinated-omission check: a desk stalled for 50 ms in a 400 ms run at 20k req/s holds up
    /// about 1,000 of 8,000 requests (12 %) by up to 50 ms each, so p99 is ≥ 40 ms. A closed-loop
    /// measurement would have counted one slow request (p99 near the normal latency).
    @Test func aStalledDeskShowsUpInTheP99() async {
        let desk = StallingDesk(at: 150_000_000, stallMicroseconds: 50_000)
        let config = LoadRunConfig(rate: 20_000, durationNanoseconds: 400_000_000, clients: 2, drainNanoseconds: 60_000_000_000)
        let r = await LoadRun.runThreads(config) { _ in StallingDriver(desk: desk) }
        let p99 = r.recorder.histogram.valueAtPercentile(99)
        #expect(p99 >= 40_000_000, "p99 was \(p99) ns")
        #expect(r.recorder.histogram.max >= 45_000_000)
        #expect(r.recorder.accountingHolds)
        #expect(r.recorder.scheduled == 8000)
    }

    /// Every request is accounted for, also when most are dropped: far above what a slow desk can
    /// serve and with a short drain, scheduled = completed + errors + dropped.
    @Test func everyRequestIsAccountedForEvenWhenDropped() async {
        let desk = StallingDesk(at: 0, stallMicroseconds: 300_000)
        let config = LoadRunConfig(rate: 50_000, durationNanoseconds: 200_000_000, clients: 2, batchLimit: 16, drainNanoseconds: 50_000_000)
        let r = await LoadRun.runThreads(config) { _ in StallingDriver(desk: desk) }
        #expect(r.recorder.scheduled == 10_000)
        #expect(r.recorder.dropped > 0)
        #expect(r.recorder.completed + r.recorder.errors + r.recorder.dropped == r.recorder.scheduled)
        #expect(r.recorder.accountingHolds)
    }

    /// The real delivery desks under a short run: nothing lost or duplicated, the identity holds (a
    /// long drain, so a test suite crowding the task pool makes requests late, not dropped).
    @Test func theDeliveryDesksLoseNoJobUnderLoad() async {
        let profile = LoadProfile(Scenario())
        let o = await DeskLoadTest.run(profile, DeskLoadOptions(target: .delivery, run: LoadRunConfig(rate: 20_000, durationNanoseconds: 300_000_000, drainNanoseconds: 120_000_000_000), desks: 2))
        #expect(o.recorder.accountingHolds)
        #expect(o.recorder.errors == 0)
        #expect(o.audit.holds)
        #expect(o.audit.submittedJobs > 1000)
    }

    /// The technician desks under a short run: no double booking, no lost booking.
    @Test func theTechnicianDesksDoubleBookNobodyUnderLoad() async {
        let profile = LoadProfile(Scenario())
        let o = await DeskLoadTest.run(profile, DeskLoadOptions(target: .both, run: LoadRunConfig(rate: 10_000, durationNanoseconds: 300_000_000, drainNanoseconds: 120_000_000_000), desks: 1))
        #expect(o.recorder.accountingHolds)
        #expect(o.recorder.errors == 0)
        #expect(o.audit.holds)
        #expect(o.audit.confirmedBookings > 0)
    }
}
