import DeliveryScheduling
import DiscreteEvents
import Foundation

extension PlanningFile {
    /// The CSV columns, by header name (any order; only `type` and `id` are required).
    static let csvColumns = ["type", "id", "x", "y", "kegs", "cases", "pallets", "ready", "due", "service",
                             "count", "tier", "kind", "windows", "value", "deadline", "pin", "speed", "day", "policy"]

    /// Parses the CSV format: a header row, then `depot`, `vehicle` and `job` rows (see README).
    /// Lines starting with `#` and blank lines are skipped.
    ///
    /// - Throws: `PlanningFileError` with the file, line and column name.
    public static func parseCSV(_ text: String, file: String) throws -> PlanningFile {
        let f = FieldReader(file: file)
        var header: [String] = []
        var headerLine = 0
        var depot: (String, Depot)?
        var day = 0
        var policy = PriorityPolicy.earliestDeadline
        var vehicles: [PlanningVehicle] = []
        var jobs: [PlanningJob] = []
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if header.isEmpty {
                header = cells.map { $0.lowercased() }
                headerLine = lineNo
                for (i, h) in header.enumerated() where !csvColumns.contains(h) {
                    throw f.fail(lineNo, h.isEmpty ? "column \(i + 1)" : h, "unknown column; expected some of \(csvColumns.joined(separator: ", "))")
                }
                guard header.contains("type") else { throw f.fail(lineNo, "type", "the header must have a 'type' column") }
                continue
            }
            guard cells.count <= header.count else {
                throw f.fail(lineNo, "column \(header.count + 1)", "\(cells.count) cells but the header (line \(headerLine)) has \(header.count) columns")
            }
            var row: [String: String] = [:]
            for (i, c) in cells.enumerated() where !c.isEmpty { row[header[i]] = c }
            let ln = lineNo
            func req(_ k: String) throws -> String {
                guard let v = row[k] else { throw f.fail(ln, k, "required for a '\(row["type"] ?? "")' row") }
                return v
            }
            func capacity() throws -> Volume {
                Volume(kegs: try row["kegs"].map { try f.amount($0, line: ln, field: "kegs") } ?? 0,
                       cases: try row["cases"].map { try f.amount($0, line: ln, field: "cases") } ?? 0,
                       pallets: try row["pallets"].map { try f.amount($0, line: ln, field: "pallets") } ?? 0)
            }
            switch try req("type").lowercased() {
            case "depot":
                guard depot == nil else { throw f.fail(ln, "type", "a second depot row; a jobs file plans one depot") }
                let loc = Location(x: try f.number(try req("x"), line: ln, field: "x"), y: try f.number(try req("y"), line: ln, field: "y"))
                let speed = try row["speed"].map { try f.number($0, line: ln, field: "speed") } ?? 60
                guard speed > 0 else { throw f.fail(ln, "speed", "must be > 0, got \(speed)") }
                depot = (row["id"] ?? "depot", Depot(location: loc, unitsPerHour: speed))
                if let d = row["day"] { day = try f.integer(d, line: ln, field: "day") }
                if let p = row["policy"] { policy = try f.policy(p, line: ln, field: "policy") }
            case "vehicle":
                guard depot != nil else { throw f.fail(ln, "type", "the depot row must come before vehicle and job rows") }
                let from = try row["ready"].map { try f.time($0, line: ln, field: "ready") } ?? .hours(Int64(7))
                let to = try row["due"].map { try f.time($0, line: ln, field: "due") } ?? .hours(Int64(17))
                guard to >= from else { throw f.fail(ln, "due", "shift ends (\(to.clockString)) before it starts (\(from.clockString))") }
                let count = try row["count"].map { try f.integer($0, line: ln, field: "count") } ?? 1
                guard count >= 1 else { throw f.fail(ln, "count", "must be ≥ 1, got \(count)") }
                vehicles.append(PlanningVehicle(name: try req("id"), capacity: try capacity(), shiftStart: from, shiftEnd: to, count: count, line: ln))
            case "job":
                guard depot != nil else { throw f.fail(ln, "type", "the depot row must come before vehicle and job rows") }
                let name = try req("id")
                var windows: [TimeWindow] = []
                if let ws = row["windows"] {
                    for (i, w) in ws.split(separator: ";").enumerated() {
                        windows.append(try f.window(String(w), line: ln, field: "windows[\(i)]"))
                    }
                }
                if row["ready"] != nil || row["due"] != nil {
                    let from = try row["ready"].map { try f.time($0, line: ln, field: "ready") } ?? .zero
                    let to = try row["due"].map { try f.time($0, line: ln, field: "due") } ?? .hours(Int64(24))
                    guard to >= from else { throw f.fail(ln, "due", "window ends (\(to.clockString)) before it starts (\(from.clockString))") }
                    windows.append(TimeWindow(from: from, to: to))
                }
                let set = try f.windowSet(windows, line: ln, field: "windows")
                let loc = Location(x: try f.number(try req("x"), line: ln, field: "x"), y: try f.number(try req("y"), line: ln, field: "y"))
                let service = try row["service"].map { try f.minutes($0, line: ln, field: "service") } ?? .zero
                let deadline = try row["deadline"].map { SimTime(day: day) + (try f.time($0, line: ln, field: "deadline")) } ?? .distantFuture
                let job = DeliveryJob(
                    kind: try row["kind"].map { try f.kind($0, line: ln, field: "kind") } ?? .delivery,
                    retailer: Int32(jobs.count), depot: DepotID(0), location: loc, volume: try capacity(),
                    serviceTime: service, windows: set, promisedDay: day, deadline: deadline,
                    tier: try row["tier"].map { try f.tier($0, line: ln, field: "tier") } ?? .standard,
                    value: Int64(try row["value"].map { try f.integer($0, line: ln, field: "value") } ?? 0))
                jobs.append(PlanningJob(name: name, job: job, pin: row["pin"], line: ln))
            case let other:
                throw f.fail(ln, "type", "unknown row type '\(other)'; expected depot, vehicle or job")
            }
        }
        guard let (name, dep) = depot else { throw f.fail(Swift.max(1, headerLine), "type", "no depot row") }
        return PlanningFile(path: file, depotName: name, depot: dep, day: day, policy: policy, vehicles: vehicles, jobs: jobs)
    }
}
