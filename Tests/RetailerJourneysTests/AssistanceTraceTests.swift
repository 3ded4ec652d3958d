import DiscreteEvents
import TechnicianBooking
import Testing
@testable import RetailerJourneys

/// Journey 7 (and the installation of journey 1): failures, self-service, remote first line, offers,
/// holds, visits, first-time fix; and the SLA clock across weekends and holidays.
@Suite struct AssistanceTraceTests {
    /// A café whose machine fails within its first day; no self-service, the remote call never resolves.
    static func failing(days: Int = 10) -> Scenario {
        var s = Fixtures.controlled(days: days)
        var a = s.journeys.assistance
        a.failuresPerYear = 365 * 4
        a.machineAgeYears = Fixtures.constant(0)
        a.selfDiagnosisResolves = 0
        a.remoteResolves = 0
        a.firstTimeFix = 1
        a.picksFirstOffer = 1
        a.holdTTL = .minutes(30)
        a.confirmDelay = .minutes(10)
        a.severityMix = [.degraded: 1]
        s.journeys.assistance = a
        return s
    }

    @Test func failureRemoteCallThenVisitThenFixed() throws {
        let r = try ScenarioRun.run(Self.failing(), options: RunOptions(trace: true))
        let t = r.trace.of(0)
        let failed = try #require(t.first(.machineFailed))
        let path = t.events.drop { $0 != .machineFailed }.prefix(7)
        #expect(Array(path) == [.machineFailed, .remoteBooked, .visitOffered, .visitHeld, .visitConfirmed, .visitDone, .fixed])
        let held = try #require(t.first(.visitHeld))
        #expect(t.first(.visitConfirmed)?.time == held.time + .minutes(10))
        #expect(held.time >= failed.time)
        #expect(r.metrics.firstTimeFix.count >= 1 && r.metrics.firstTimeFix.hits == r.metrics.firstTimeFix.count)
        #expect(r.metrics.visitSLA[Severity.degraded.rawValue].count >= 1)
        for c in r.conservation { #expect(c.holds, "\(c)") }
    }

    @Test func aHoldNotConfirmedInTimeExpiresAndIsOfferedAgain() throws {
        var s = Self.failing(days: 4)
        s.journeys.assistance.confirmDelay = .minutes(45)
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true, ))
        let t = r.trace.of(0)
        let held = try #require(t.first(.visitHeld))
        let expired = try #require(t.first(.holdExpired))
        #expect(expired.time == held.time + .minutes(30) + .seconds(1))
        // Straight after the expiry the ticket is offered again.
        let after = t.drop { $0 != expired }.dropFirst().first
        #expect(after?.event == .visitOffered && after?.time == expired.time)
        #expect(r.metrics.holdsExpired >= 1)
        #expect(r.metrics.visitsBooked == 0)
    }

    @Test func notFixedAtFirstVisitWaitsForPartsThenReturns() throws {
        var s = Self.failing(days: 14)
        s.journeys.assistance.firstTimeFix = 0
        s.journeys.assistance.partsLeadTime = .days(2)
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        let t = r.trace.of(0)
        // The return visit is offered at once, for a slot after the parts arrive two days later.
        let first = try #require(t.first(.returnVisitNeeded))
        let next = try #require(t.drop { $0 != first }.dropFirst().first { $0.event == .visitOffered })
        #expect(next.time == first.time)
        let second = try #require(t.drop { $0 != first }.dropFirst().first { $0.event == .visitDone })
        #expect(second.time >= first.time + .days(2))
        #expect(r.metrics.firstTimeFix.hits == 0 && r.metrics.firstTimeFix.count >= 1)
    }

    @Test func selfDiagnosisDeflectsEverythingWhenItAlwaysWorks() throws {
        var s = Self.failing(days: 5)
        s.journeys.assistance.selfDiagnosisResolves = 1
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        #expect(r.metrics.failures >= 1)
        #expect(r.metrics.selfResolved == r.metrics.failures)
        #expect(r.metrics.visitsBooked == 0 && r.metrics.remoteCalls == 0)
    }

    /// 24 business hours on Mon–Fri 08:00–18:00 from Friday 16:00: 2 h Friday, 10 h Monday, 10 h Tuesday,
    /// 2 h Wednesday → Wednesday 10:00; with Monday a holiday, Thursday 10:00.
    @Test func slaClockSkipsNightsWeekendsAndHolidays() throws {
        var s = Fixtures.controlled(days: 14)
        let friday = SimTime(day: 4, hour: 16)
        var m = try RegionModel(scenario: s, region: 0)
        #expect(m.allocator.config.slaPolicy.deadline(.machineDown, after: friday) == SimTime(day: 9, hour: 10))
        s.calendar.holidays = [7]
        m = try RegionModel(scenario: s, region: 0)
        #expect(m.allocator.config.slaPolicy.deadline(.machineDown, after: friday) == SimTime(day: 10, hour: 10))
        // 48 business hours (degraded) from Friday 16:00 with the holiday: Fri 2 + Tue..Fri 4×10 = 42, next Monday 6 h → Monday 14:00.
        #expect(m.allocator.config.slaPolicy.deadline(.degraded, after: friday) == SimTime(day: 14, hour: 14))
    }
}
