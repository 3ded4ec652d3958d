/// The memory a run of a scenario needs, estimated from its sizes before it starts, so that a scenario
/// that cannot fit is refused with the estimate instead of failing hours in (or being killed).
///
/// The figures are the stated budget, not a guess: the release build is measured against them
/// (`jornada bench simulation` reports peak resident bytes per retailer, and the national scenario's
/// year is measured in README, "National scale"). Each is an upper bound of what was measured.
public enum Footprint {
    /// Bytes per retailer of a whole run: its 96-byte record, its open orders, invoices and returns, its
    /// scheduled events, its share of the day plans, the backlog and the per-batch recipient lists. The
    /// national year (1,000,000 retailers, 365 days, 2 workers) peaked at 2.32 GB resident, about 1,960
    /// bytes per retailer once the technicians' calendars are counted apart; the budget adds a fifth.
    public static let bytesPerRetailer = 2_400.0
    /// Bytes per truck: its vehicle-days, routes and the planner's per-truck arrays.
    public static let bytesPerVehicle = 4_000.0
    /// Bytes per technician of the allocator's rolling 56-day calendar (slots, reservations, indexes).
    public static let bytesPerTechnician = 40_000.0
    /// Bytes per simulated day and region: the daily rows, the day's batch and its bookkeeping.
    public static let bytesPerRegionDay = 4_096.0
    /// What a process needs before any region is built (runtime, parsed scenario, buffers).
    public static let fixedBytes = 60e6
}

extension Scenario {
    /// Trucks over all regions and depots; a group sized by its catchment counts as if the region's
    /// retailers were shared evenly by its depots (the total is right when the catchments sum up).
    public var vehicleCount: Int {
        regions.reduce(0) { total, region in
            let share = region.retailers / max(1, region.depots.count)
            return total + region.depots.reduce(0) { $0 + $1.vehicles.reduce(0) { $0 + $1.trucks(catchment: share) } }
        }
    }

    /// Whether some truck group is sized by its depot's catchment (`vehicleCount` is then an estimate).
    public var fleetFollowsCatchments: Bool {
        regions.contains { $0.depots.contains { $0.vehicles.contains { $0.perThousandRetailers > 0 } } }
    }

    /// Technicians over all regions.
    public var technicianCount: Int { regions.reduce(0) { $0 + $1.technicians.reduce(0) { $0 + $1.count } } }

    /// The peak memory of one replication, in bytes, by the budget of `Footprint` (a Double, so an
    /// absurd size cannot overflow the estimate itself). - Complexity: O(regions + depots + groups).
    public var estimatedPeakBytes: Double {
        Double(retailerCount) * Footprint.bytesPerRetailer
            + Double(vehicleCount) * Footprint.bytesPerVehicle
            + Double(technicianCount) * Footprint.bytesPerTechnician
            + Double(days) * Double(regions.count) * Footprint.bytesPerRegionDay
    }
}
