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
