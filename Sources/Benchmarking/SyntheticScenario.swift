import DiscreteEvents
import RetailerJourneys
import TechnicianBooking

/// Scenarios sized for a number of retailers, for `jornada bench simulation`: regions of at most
/// `retailersPerRegion`, a depot per ~2,500 retailers with trucks for its daily stops, a field
/// technician per ~125 draught outlets and a remote specialist per ten field technicians.
public enum SyntheticScenario {
    /// A scenario of `retailers` retailers over `days` days. - Complexity: O(regions × depots).
    public static func make(retailers: Int, days: Int, seed: UInt64 = 1, retailersPerRegion: Int = 200_000) -> Scenario {
        var s = Scenario()
        s.name = "synthetic-\(retailers)"
        s.seed = seed
        s.days = days
        let regions = max(1, (retailers + retailersPerRegion - 1) / retailersPerRegion)
        var left = retailers
        for r in 0..<regions {
            let n = left / (regions - r)
            left -= n
            s.regions.append(region(name: "R\(r + 1)", retailers: n))
        }
        return s
    }

    /// One region of `n` retailers. - Complexity: O(depots).
    public static func region(name: String, retailers n: Int) -> RegionSpec {
        // Area grows with the square root of the population (constant density, ~1.4 outlets per km²).
        let size = max(20, (Double(n) / 1.4).squareRoot())
        let depotsPerSide = max(1, Int((Double(n) / 2_500).squareRoot().rounded()))
        // With the default segments a working day ships about 0.5 kegs and 2.6 cases per retailer; trucks
        // of 80 kegs and 400 cases are sized for a 75 % fill.
        let perDepot = Double(n) / Double(depotsPerSide * depotsPerSide)
        let trucks = max(2, Int((max(perDepot * 0.5 / 80, perDepot * 2.6 / 400) / 0.75).rounded(.up)))
        var depots: [DepotSpec] = []
        for i in 0..<depotsPerSide {
            for j in 0..<depotsPerSide {
                let x = (Double(i) + 0.5) * size / Double(depotsPerSide), y = (Double(j) + 0.5) * size / Double(depotsPerSide)
                var d = DepotSpec(name: "D\(i * depotsPerSide + j + 1)", x: x, y: y,
                                  vehicles: [VehicleGroupSpec(name: "T", count: trucks, kegs: 80, cases: 400)])
                d.speed = 45
                depots.append(d)
            }
        }
        var reg = RegionSpec(name: name, retailers: n, depots: depots)
        reg.size = size
        reg.towns = max(3, n / 1_000)
        reg.zoneGrid = max(2, min(11, Int((size / 12).rounded())))
        var field = TechnicianGroupSpec(name: "field", count: max(2, n / 125))
        field.skills = [.draughtSystems: 3, .installation: 3, .refrigeration: 2]
        var remote = TechnicianGroupSpec(name: "remote", count: max(1, n / 1_250))
        remote.kind = .remote
        remote.skills = [.draughtSystems: 3]
        reg.technicians = [field, remote]
        reg.salesRepVisitsPerDay = max(2, n / 500)
        return reg
    }
}
