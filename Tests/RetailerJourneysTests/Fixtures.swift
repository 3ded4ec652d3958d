import DeliveryScheduling
import DiscreteEvents
import TechnicianBooking
@testable import RetailerJourneys

/// Hand-made scenarios for the journey tests.
enum Fixtures {
    /// One region of `retailers` retailers, one depot with `trucks` trucks, `technicians` field technicians
    /// and one remote specialist, `days` days.
    static func small(retailers: Int = 200, trucks: Int = 3, technicians: Int = 4, days: Int = 14, seed: UInt64 = 7) -> Scenario {
        var s = Scenario()
        s.name = "small"
        s.seed = seed
        s.days = days
        var depot = DepotSpec(name: "Centro", x: 15, y: 15, vehicles: [VehicleGroupSpec(name: "T", count: trucks, kegs: 40, cases: 150)])
        depot.speed = 40
        var region = RegionSpec(name: "Lisboa", retailers: retailers, depots: [depot])
        region.size = 30
        region.zoneGrid = 2
        var field = TechnicianGroupSpec(name: "field", count: technicians)
        field.skills = [.draughtSystems: 3, .installation: 3]
        var remote = TechnicianGroupSpec(name: "remote", count: 1)
        remote.kind = .remote
        remote.skills = [.draughtSystems: 2]
        region.technicians = [field, remote]
        s.regions = [region]
        return s
    }
}

extension Fixtures {
    static func constant(_ x: Double) -> Distribution { (try? Distribution.constant(x)) ?? .zero }

    /// A café profile with constant draws: 1 keg a day, no cases, draught installed, digital, a large
    /// credit limit, windows 08:00–12:00 and 14:00–17:00 Monday–Saturday, every weekday alike.
    static func controlledCafe(kegsPerDay: Double = 1, creditLimit: Double = 1e9) -> SegmentSpec {
        var s = SegmentSpec(kind: .cafe, share: 1, kegsPerDay: constant(kegsPerDay), casesPerDay: constant(0),
                            weekdayFactor: [1, 1, 1, 1, 1, 1, 1], seasonAmplitude: 0,
                            creditLimit: constant(creditLimit), latePayerShare: 0, draughtShare: 1, digitalAdoption: 1)
        s.channelMix = [.portal: 1]
        return s
    }

    /// `retailers` controlled cafés around one depot, deterministic journey timings, nothing random but the
    /// order times and locations.
    static func controlled(retailers: Int = 1, days: Int = 7) -> Scenario {
        var s = small(retailers: retailers, trucks: 2, technicians: 2, days: days)
        s.segments = [controlledCafe()]
        var o = s.journeys.ordering
        o.alertCoverDays = 3
        o.orderUpToDays = 3
        o.alertAcceptance = 1
        o.paymentDelay = .minutes(30)
        o.invoicingDelay = .minutes(20)
        o.ruptureProbability = 0
        o.cancelBeforePayment = 0
        s.journeys.ordering = o
        var d = s.journeys.delivery
        d.travelNoise = constant(1)
        d.serviceNoise = constant(1)
        d.lateTolerance = .minutes(0)
        s.journeys.delivery = d
        s.journeys.returns.defectRate = 0
        s.journeys.assistance.failuresPerYear = 0
        s.journeys.assistance.failuresPerYearPerAgeYear = 0
        s.journeys.onboarding.applicationsPerDayPer1000 = 0
        return s
    }
}

/// Trace queries for the journey tests.
extension Array where Element == TraceEntry {
    /// The entries of one retailer, in time order.
    func of(_ retailer: Int) -> [TraceEntry] { filter { $0.retailer == retailer } }
    /// The events alone.
    var events: [TraceEvent] { map(\.event) }
    /// The first entry of `event`.
    func first(_ event: TraceEvent) -> TraceEntry? { first { $0.event == event } }
}
