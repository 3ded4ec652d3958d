import DiscreteEvents
import TechnicianBooking
import Testing
@testable import RetailerJourneys

/// Journey 1: applications, documents, approval, the sales-rep visit and the draught installation.
@Suite struct OnboardingTraceTests {
    static func applying(days: Int = 12) -> Scenario {
        var s = Fixtures.controlled(retailers: 1, days: days)
        var o = s.journeys.onboarding
        o.applicationsPerDayPer1000 = 2_000     // two a business day in a region of one retailer
        o.autoValidationPass = 0
        o.abandonOnDocuments = 0
        o.documentsPass = 1
        o.documentDelay = .days(1)
        o.equipmentLeadDays = .days(3)
        o.salesRepWithinBusinessDays = 5
        s.journeys.onboarding = o
        s.regions[0].salesRepVisitsPerDay = 100
        return s
    }

    @Test func documentsThenApprovalThenSalesRepAndInstallation() throws {
        let r = try ScenarioRun.run(Self.applying(), options: RunOptions(trace: true))
        // The first applicant (trace id -1) applies on day 0, is asked for documents, approved a day later.
        let a = r.trace.of(-1)
        #expect(a.events.prefix(2) == [.applied, .documentsAsked])
        let applied = try #require(a.first(.applied))
        #expect(applied.time.day == 0)
        // Approved applicants become retailers 1, 2, … of the region, in approval order.
        let approved = r.trace.filter { $0.event == .approved }.sorted { $0.time < $1.time }
        let first = try #require(approved.first)
        #expect(first.time == applied.time + .days(1))
        let t = r.trace.of(first.retailer)
        // The sales rep visits on the next business day at 09:00.
        let visit = try #require(t.first(.salesRepVisit))
        #expect(visit.time == SimTime(day: first.time.day + 1, hour: 9))
        // Draught: installation no earlier than the equipment's delivery, three days after approval.
        let installed = try #require(t.first(.installed))
        #expect(installed.time >= first.time + .days(3))
        #expect(r.metrics.salesRepOnTime.hits == r.metrics.salesRepOnTime.count)
        #expect(r.metrics.approved >= 1 && r.metrics.approvedAutomatically == 0)
    }

    @Test func applicantsWhoAbandonNeverBecomeRetailers() throws {
        var s = Self.applying(days: 6)
        s.journeys.onboarding.abandonOnDocuments = 1
        let r = try ScenarioRun.run(s, options: RunOptions(trace: true))
        #expect(r.metrics.applications > 0)
        #expect(r.metrics.abandoned > 0)
        #expect(r.metrics.approved == 0)
        #expect(!r.trace.contains { $0.event == .approved })
    }
}
