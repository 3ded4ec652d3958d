import DeliveryScheduling
import DiscreteEvents
import Foundation
import InputLimits

/// A malformed jobs file: the file, the 1-based line and the field at fault, and what is wrong
/// (the one input error type of every Jornada file reader).
public typealias PlanningFileError = InputError

/// One truck (or `count` identical trucks) read from a file.
public struct PlanningVehicle: Sendable {
    /// The name in the file.
    public var name: String
    /// Capacity per unit.
    public var capacity: Volume
    /// Shift start and end (times of day).
    public var shiftStart: SimDuration
    /// Shift end.
    public var shiftEnd: SimDuration
    /// Identical trucks described by this record.
    public var count: Int
    /// The record's line.
    public var line: Int
}

/// One job read from a file.
public struct PlanningJob: Sendable {
    /// The name in the file.
    public var name: String
    /// The job (depot filled in when built).
    public var job: DeliveryJob
    /// The truck name it is pinned to, if any.
    public var pin: String?
    /// The record's line.
    public var line: Int
}

/// The contents of a jobs file: one depot, its trucks and its jobs for one day.
public struct PlanningFile: Sendable {
    /// The file's path.
    public var path: String
    /// The depot's name.
    public var depotName: String
    /// The depot.
    public var depot: Depot
    /// The day planned (0-based).
    public var day: Int
    /// The in-tier policy.
    public var policy: PriorityPolicy
    /// The trucks.
    public var vehicles: [PlanningVehicle]
    /// The jobs.
    public var jobs: [PlanningJob]

    /// Reads a `.yaml`/`.yml` or `.csv` jobs file, or a Solomon / Gehring–Homberger VRPTW instance
    /// (recognised by its content, whatever its name). - Throws: `PlanningFileError` naming file, line, field.
    public static func load(path: String) throws -> PlanningFile {
        let text = try InputText.read(path: path, maxBytes: JobsFileLimits.maxFileBytes)
        if looksLikeSolomon(text) { return try parseSolomon(text, file: path) }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { return try parseCSV(text, file: path) }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return try parseYAML(text, file: path) }
        throw PlanningFileError(file: path, line: 0, field: "path", message: "expected a .csv, .tsv, .yaml or .yml file")
    }

    /// A scheduler holding this file's depot (id 0), trucks and jobs, submitted at day start; job and
    /// truck names by id. - Throws: `PlanningFileError` for an unknown pinned truck or an engine refusal.
    public func build() throws -> PlannedFile {
        var s = DeliveryScheduler(policy: policy)
        let d = DepotID(0)
        do { try s.addDepot(depot, id: d) } catch {
            throw PlanningFileError(file: path, line: 1, field: "depot", message: error.description)
        }
        var vehicleNames: [String] = []
        var vehicleIDs: [String: VehicleID] = [:]
        for v in vehicles {
            for i in 0..<v.count {
                let name = v.count == 1 ? v.name : "\(v.name)-\(i + 1)"
                do {
                    let id = try s.addVehicle(Vehicle(depot: d, capacity: v.capacity, shiftStart: v.shiftStart, shiftEnd: v.shiftEnd))
                    vehicleNames.append(name)
                    if vehicleIDs[v.name] == nil { vehicleIDs[v.name] = id }
                    vehicleIDs[name] = id
                } catch {
                    throw PlanningFileError(file: path, line: v.line, field: "vehicle", message: error.description)
                }
            }
        }
        var ids: [JobID] = []
        var names: [JobID: String] = [:]
        let start = SimTime(day: day)
        for j in jobs {
            var job = j.job
            job.depot = d
            do {
                let id = try s.submit(job, at: start)
                if let pin = j.pin {
                    guard let v = vehicleIDs[pin] else {
                        throw PlanningFileError(file: path, line: j.line, field: "pin", message: "unknown vehicle '\(pin)'")
                    }
                    try s.pin(id, to: v)
                }
                ids.append(id)
                names[id] = j.name
            } catch let e as DeliverySchedulingError {
                throw PlanningFileError(file: path, line: j.line, field: "job \(j.name)", message: e.description)
            }
        }
        return PlannedFile(file: self, scheduler: s, depot: d, jobIDs: ids, jobNames: names, vehicleNames: vehicleNames)
    }
}

/// A jobs file loaded into a scheduler, ready for `planDay`.
public struct PlannedFile: Sendable {
    /// The parsed file.
    public var file: PlanningFile
    /// The scheduler holding it.
    public var scheduler: DeliveryScheduler
    /// The depot's id.
    public var depot: DepotID
    /// Job ids in file order.
    public var jobIDs: [JobID]
    /// Job names by id.
    public var jobNames: [JobID: String]
    /// Truck names by vehicle index.
    public var vehicleNames: [String]

    /// Plans the file's day. - Complexity: as `DeliveryScheduler.planDay`.
    public func plan(options: PlanOptions = PlanOptions()) throws -> DayPlan {
        try scheduler.planDay(depot: depot, day: file.day, options: options)
    }

    /// The plan for people: routes with times, total distance, vehicles used, unassigned jobs (the
    /// same text as `report(_:search:)`, without a search line).
    public func render(_ plan: DayPlan) -> String { report(plan) }

    func format(_ d: Double) -> String { String(format: "%.2f", d) }

    /// `14:05` (time of day, whole minutes, rounded down).
    func hm(_ t: SimTime) -> String {
        let m = t.timeOfDay.ticks / SimDuration.ticksPerMinute
        return String(format: "%02d:%02d", Int(m / 60), Int(m % 60))
    }
}
