import RetailerJourneys

/// Checks that involve several fields, run after an object's fields are read (with its node, so each error
/// points at the line of the field at fault).
enum Validation {
    static func scenario(_ s: Scenario, _ at: Located) throws(ScenarioError) {
        if s.warmUpDays >= s.days {
            throw at.fail("warmUpDays", "must be less than days (\(s.days)), got \(s.warmUpDays)")
        }
        for (i, h) in s.calendar.holidays.enumerated() where h >= s.days {
            throw at.fail("calendar.holidays[\(i)]", "day \(h) is outside the horizon (days: \(s.days))")
        }
        if s.regions.isEmpty { throw at.fail("regions", "needs at least one region") }
        try unique(s.regions.map(\.name), "regions", "name", "region", at)
    }

    static func calendar(_ c: CalendarSpec, _ at: Located) throws(ScenarioError) {
        if c.hours.days.allSatisfy(\.isEmpty) {
            throw at.fail("hours", "the calendar is never open: give business hours for at least one day")
        }
        do { _ = try c.businessCalendar() } catch { throw at.fail("hours", error.description) }
    }

    static func technicians(_ t: TechnicianGroupSpec, _ at: Located) throws(ScenarioError) {
        if t.shift.days.allSatisfy(\.isEmpty) { throw at.fail("shift", "the group never works: give hours for at least one day") }
    }

    static func segment(_ s: SegmentSpec, _ at: Located) throws(ScenarioError) {
        if s.share > 0, s.deliveryHours.days.allSatisfy(\.isEmpty) {
            throw at.fail("deliveryHours", "\(s.kind.rawValue) outlets would never receive a delivery: give hours for at least one day")
        }
    }

    static func region(_ r: RegionSpec, _ at: Located) throws(ScenarioError) {
        for (i, d) in r.depots.enumerated() {
            if d.x > r.size { throw at.fail("depots[\(i)].x", "\(format(d.x)) km is outside the region (size \(format(r.size)) km)") }
            if d.y > r.size { throw at.fail("depots[\(i)].y", "\(format(d.y)) km is outside the region (size \(format(r.size)) km)") }
        }
        try unique(r.depots.map(\.name), "depots", "name", "depot", at)
        try unique(r.technicians.map(\.name), "technicians", "name", "technician group", at)
        let zones = r.zoneGrid * r.zoneGrid
        for (i, t) in r.technicians.enumerated() {
            if let z = t.zone, z >= zones {
                throw at.fail("technicians[\(i)].zone", "zone \(z) is outside the \(r.zoneGrid) × \(r.zoneGrid) grid (zones 0 … \(zones - 1))")
            }
        }
    }

    static func depot(_ d: DepotSpec, _ at: Located) throws(ScenarioError) {
        if d.vehicles.allSatisfy({ $0.count == 0 && $0.perThousandRetailers == 0 }) {
            throw at.fail("vehicles", "the depot has no trucks (every count and perThousandRetailers is 0)")
        }
        try unique(d.vehicles.map(\.name), "vehicles", "name", "vehicle group", at)
    }

    static func ordering(_ o: OrderingParameters, _ at: Located) throws(ScenarioError) {
        if o.orderUpToDays <= o.alertCoverDays {
            throw at.fail("orderUpToDays", "must be greater than alertCoverDays (\(format(o.alertCoverDays))), got \(format(o.orderUpToDays))")
        }
        if o.manualReorderCoverDays > o.orderUpToDays {
            throw at.fail("manualReorderCoverDays", "must be at most orderUpToDays (\(format(o.orderUpToDays))), got \(format(o.manualReorderCoverDays))")
        }
    }

    /// The second use of a name is an error at its line.
    static func unique(_ names: [String], _ list: String, _ key: String, _ what: String, _ at: Located) throws(ScenarioError) {
        var seen: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            if let first = seen[n] { throw at.fail("\(list)[\(i)].\(key)", "another \(what) is named '\(clip(n))' (\(Reader.join(at.path, "\(list)[\(first)]")))") }
            seen[n] = i
        }
    }
}
