import DiscreteEvents
import Testing
import EngineWorkloads
@testable import DeliveryScheduling

@Suite("Desk workload of jornada bench scheduler --clients")
struct DeskWorkloadTests {
    @Test func concurrentMixedBatchesLoseAndDuplicateNothing() async {
        let w = DeskWorkload(depots: 3, clients: 6, batch: 16, requests: 6_000, seed: 11)
        let (router, desks) = w.makeDesks()
        let tallies = await w.runClients(router)
        #expect(tallies.reduce(0) { $0 + $1.requests } == 6_000)
        #expect(tallies.allSatisfy { $0.otherFailures == 0 })
        let audit = await DeskWorkload.audit(desks: desks, tallies: tallies)
        #expect(audit.lostJobs == 0)
        #expect(audit.duplicatedJobs == 0)
        #expect(audit.invariantsHold)
        #expect(audit.submitted > 1_000)
        #expect(audit.dispatched > 0 && audit.cancelled > 0)
        #expect(audit.pending + audit.dispatched + audit.cancelled == audit.submitted)
    }

    @Test func auditCatchesALostAndADuplicatedJob() async {
        let w = DeskWorkload(depots: 2, clients: 2, batch: 8, requests: 400, seed: 3)
        let (router, desks) = w.makeDesks()
        var tallies = await w.runClients(router)
        // Claim a dispatched job was also cancelled (duplicate), and forget a pending one's outcome by
        // cancelling it behind the tallies' back (lost).
        let first = tallies[0].dispatched.first ?? tallies[1].dispatched[0]
        tallies[0].cancelled.append(first)
        var lostOne = false
        for t in tallies where !lostOne {
            for id in t.submitted {
                guard await desks[Int(id.depot.rawValue)].status(id.job) == .pending else { continue }
                _ = await router.cancel([id])
                lostOne = true
                break
            }
        }
        let audit = await DeskWorkload.audit(desks: desks, tallies: tallies)
        #expect(audit.duplicatedJobs == 1)
        #expect(lostOne)
        #expect(audit.lostJobs == 1)
    }
}
