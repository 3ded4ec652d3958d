import DeliveryScheduling
import DiscreteEvents

/// The series the report draws beyond the KPIs: field-technician utilisation per row × day and the routes
/// of one depot on one sample day. Aggregates only, so recording them costs a few array writes per visit
/// and one integer comparison per truck stop.
public struct ReportSeries: Sendable, Equatable, Codable {
    /// Busy and shift minutes of field technicians per row and day, every region's rows in region order.
    public var utilisation = UtilisationSeries()
    /// The routes of the first depot of the first region on the sample day (nil when it dispatched nothing).
    public var routes: RouteSample?
    /// No rows, no routes. - Complexity: O(1).
    public init() {}
}

/// Field-technician utilisation as the report's heat map: rows are technicians (or whole groups in a region
/// with more than `technicianRowCap` field technicians), columns are days.
public struct UtilisationSeries: Sendable, Equatable, Codable {
    /// The largest number of field technicians of a region drawn one row each; bigger regions get a row per group.
    public static let technicianRowCap = 60
    /// Row labels: `Lisboa · Campo 3` (a technician) or `Lisboa · Campo (120)` (a group of 120).
    public var rows: [String] = []
    /// Shift minutes per row and day (the group's weekly hours × technicians in the row).
    public var shiftMinutes: [[Int]] = []
    /// Minutes reserved (travel and visit) of the visits done per row and day, counted on the visit's day.
    public var busyMinutes: [[Int]] = []
    /// No rows. - Complexity: O(1).
    public init() {}
}

/// One depot's routes on one day, as run: where each truck stopped, in order, and how each stop went.
public struct RouteSample: Sendable, Equatable, Codable {
    /// The region's name.
    public var region: String
    /// The depot's name.
    public var depot: String
    /// The day the routes ran.
    public var day: Int
    /// The depot's location (km).
    public var x: Double, y: Double
    /// The side of the region's square (km), the map's extent.
    public var size: Double
    /// One entry per truck sent, in the plan's order.
    public var trucks: [Truck]

    /// A truck's route.
    public struct Truck: Sendable, Equatable, Codable {
        /// The vehicle's index in the scheduler.
        public var vehicle: Int
        /// The planned stops, in order.
        public var stops: [Stop]
    }

    /// One planned stop.
    public struct Stop: Sendable, Equatable, Codable {
        /// Location (km).
        public var x: Double, y: Double
        /// `delivery` or a pickup kind.
        public var kind: String
        /// How it went.
        public var status: Status
    }

    /// How a planned stop went.
    public enum Status: String, Sendable, Equatable, Codable, CaseIterable {
        /// Served in its window on or before its promised day.
        case onTime
        /// Served, but outside its window or after its promised day.
        case late
        /// Skipped: it would miss its window (a reschedule proposal followed).
        case missed
        /// Left off when the truck departed, or never reached.
        case notServed
    }
}

/// What a region records for `ReportSeries` while it runs (internal: the model's hooks write it).
struct ReportRecorder {
    /// The row of each technician in the roster (-1: remote, not drawn).
    var rowOfTechnician: [Int32] = []
    /// Row labels and their shift minutes per weekday (Monday first).
    var rows: [String] = []
    var weeklyShift: [[Int]] = []
    /// Busy minutes, row-major rows × days.
    var busy: [Int32] = []
    var days = 0
    /// The day whose routes are sampled (-1: none in this region, or already taken when `routes` is set).
    var routeFrom = -1
    var routeDay = -1
    var routes: RouteSample?
    /// Where each sampled job is: (truck, stop), by job slot.
    var stopOfJob: [JobID: (truck: Int, stop: Int)] = [:]

    /// Records nothing (before the model is set up). - Complexity: O(1).
    init() {}

    /// The rows of `spec`'s field technicians, in roster order; region 0 samples the routes of its first depot
    /// on the first day at or after the warm-up with trucks out. - Complexity: O(technicians + rows × days).
    init(spec: RegionSpec, region: Int, days: Int, warmUpDays: Int) {
        self.days = days
        let fieldCount = spec.technicians.filter { $0.kind == .field }.reduce(0) { $0 + $1.count }
        let each = fieldCount <= UtilisationSeries.technicianRowCap
        for g in spec.technicians {
            let weekly = (0..<7).map { wd in wd < g.shift.days.count ? g.shift.days[wd].reduce(0) { $0 + ($1.to - $1.from) } : 0 }
            guard g.kind == .field else {
                rowOfTechnician += Array(repeating: -1, count: g.count)
                continue
            }
            if each {
                for k in 0..<g.count {
                    rowOfTechnician.append(Int32(rows.count))
                    rows.append("\(spec.name) · \(g.name) \(k + 1)")
                    weeklyShift.append(weekly)
                }
            } else {
                rowOfTechnician += Array(repeating: Int32(rows.count), count: g.count)
                rows.append("\(spec.name) · \(g.name) (\(g.count))")
                weeklyShift.append(weekly.map { $0 * g.count })
            }
        }
        busy = Array(repeating: 0, count: rows.count * days)
        if region == 0 && !spec.depots.isEmpty { routeFrom = max(1, min(warmUpDays, days - 1)) }
    }

    /// A visit of `minutes` by `technician` done on `day`. - Complexity: O(1).
    @inline(__always) mutating func visit(technician: Int, day: Int, minutes: Int) {
        guard technician < rowOfTechnician.count, day >= 0, day < days else { return }
        let row = Int(rowOfTechnician[technician])
        if row >= 0 { busy[row * days + day] &+= Int32(clamping: minutes) }
    }

    /// The series of this region. - Complexity: O(rows × days).
    func series() -> ReportSeries {
        var s = ReportSeries()
        s.utilisation.rows = rows
        s.utilisation.shiftMinutes = weeklyShift.map { w in (0..<days).map { w[Weekday(dayIndex: $0).rawValue] } }
        s.utilisation.busyMinutes = rows.indices.map { r in (0..<days).map { Int(busy[r * days + $0]) } }
        s.routes = routes
        return s
    }
}

extension ReportSeries {
    /// Joins the regions' series in region order: rows appended, the first sampled routes kept. - Complexity: O(rows × days).
    mutating func append(_ o: ReportSeries) {
        utilisation.rows += o.utilisation.rows
        utilisation.shiftMinutes += o.utilisation.shiftMinutes
        utilisation.busyMinutes += o.utilisation.busyMinutes
        if routes == nil { routes = o.routes }
    }
}

extension RegionModel {
    /// At depot `dep`'s cut-off, after committing `plan` for `day`: keeps the plan's routes when this is the
    /// sampled depot and day. - Complexity: O(1), or O(plan's stops) once per run.
    mutating func sampleRoutes(_ plan: DayPlan, depot dep: Int, day: Int) {
        guard dep == 0, reportSeries.routes == nil, reportSeries.routeFrom >= 0, day >= reportSeries.routeFrom, day < reportSeries.days, !plan.routes.isEmpty else { return }
        let d = spec.depots[dep]
        var sample = RouteSample(region: spec.name, depot: d.name, day: day, x: d.x, y: d.y, size: spec.size, trucks: [])
        for route in plan.routes {
            var stops: [RouteSample.Stop] = []
            for stop in route.stops {
                guard let job = scheduler.job(stop.job) else { continue }
                reportSeries.stopOfJob[stop.job] = (sample.trucks.count, stops.count)
                stops.append(.init(x: job.location.x, y: job.location.y, kind: job.kind == .delivery ? "delivery" : "pickup", status: .notServed))
            }
            sample.trucks.append(.init(vehicle: Int(route.vehicle.rawValue), stops: stops))
        }
        reportSeries.routes = sample
        reportSeries.routeDay = day
    }

    /// A sampled stop's outcome (a truck served or skipped job `id` on the sample day). - Complexity: O(1).
    mutating func sampleStop(_ id: JobID, _ status: RouteSample.Status) {
        guard let at = reportSeries.stopOfJob[id], reportSeries.routes != nil else { return }
        reportSeries.routes?.trucks[at.truck].stops[at.stop].status = status
    }
}
