import DeliveryScheduling
import DiscreteEvents
import Foundation
import EngineWorkloads

extension SchedulerBench {
    /// Runs `DeskWorkload` (N concurrent clients, mixed batches through one router over D desks),
    /// times the client phase, then audits the desks: one record with clients, depots, batch,
    /// requests, seconds, requestsPerSecond, lostJobs, duplicatedJobs and the outcome counts.
    /// - Complexity: O(requests log n).
    public static func desk(_ w: DeskWorkload) async -> BenchRecord {
        let (router, desks) = w.makeDesks()
        let start = BenchClock.nanoseconds()
        let tallies = await w.runClients(router)
        let seconds = Double(BenchClock.nanoseconds() - start) / 1e9
        let audit = await DeskWorkload.audit(desks: desks, tallies: tallies)
        let requests = tallies.reduce(0) { $0 + $1.requests }
        return BenchRecord([
            ("clients", .int(w.clients)), ("depots", .int(w.depots)), ("batch", .int(w.batch)),
            ("requests", .int(requests)), ("seconds", .double(seconds)),
            ("requestsPerSecond", .double(Double(requests) / seconds)),
            ("lostJobs", .int(audit.lostJobs)), ("duplicatedJobs", .int(audit.duplicatedJobs)),
            ("submitted", .int(audit.submitted)), ("pending", .int(audit.pending)),
            ("dispatched", .int(audit.dispatched)), ("cancelled", .int(audit.cancelled)),
            ("raced", .int(tallies.reduce(0) { $0 + $1.raced })),
            ("otherFailures", .int(tallies.reduce(0) { $0 + $1.otherFailures })),
            ("invariants", .text(audit.invariantsHold ? "ok" : "BROKEN")),
        ])
    }

    /// `desk` from synchronous code (the CLI's commands are synchronous). - Complexity: O(requests log n).
    public static func deskBlocking(_ w: DeskWorkload) -> BenchRecord {
        BenchClock.blocking { await desk(w) }
    }
}
