import DeliveryScheduling
import DiscreteEvents
import Foundation
import InputLimits

extension PlanningFile {
    /// The CSV columns, by header name (any order; only `type` and `id` are required).
    static let csvColumns = ["type", "id", "x", "y", "kegs", "cases", "pallets", "ready", "due", "service",
                             "count", "tier", "kind", "windows", "value", "deadline", "pin", "speed", "day", "policy"]

    /// Parses the CSV format: a header row, then `depot`, `vehicle` and `job` rows (see README).
    /// The text is read as spreadsheets write it (`DelimitedText`): RFC 4180 quotes, CRLF, `,` `;`
    /// or tab separators (detected, or given as `delimiter`), a byte-order mark, a quoted header.
    /// Lines starting with `#` and blank lines are skipped; a `#` after data is refused.
    ///
    /// - Throws: `PlanningFileError` with the file, line and column name.
    public static func parseCSV(_ text: String, file: String, delimiter: Delimiter? = nil) throws -> PlanningFile {
        let f = FieldReader(file: file)
        let parsed = try DelimitedText.parse(text, file: file, delimiter: delimiter)
        guard let headerRecord = parsed.records.first else { throw f.fail(1, "(header)", "the file has no header row") }
        let header = headerRecord.cells.map { $0.lowercased() }
        let headerLine = headerRecord.line
        for (i, h) in header.enumerated() where !csvColumns.contains(h) {
            throw f.fail(headerLine, h.isEmpty ? "column \(i + 1)" : BoundedNumbers.excerpt(h),
                         "unknown column\(Suggestion.hint(for: h, among: csvColumns)); expected some of \(csvColumns.joined(separator: ", "))")
        }
        for (i, h) in header.enumerated() where header[..<i].contains(h) {
            throw f.fail(headerLine, h, "the column appears twice in the header")
        }
        guard header.contains("type") else { throw f.fail(headerLine, "type", "the header must have a 'type' column") }
        var depot: (String, Depot)?
        var day = 0
        var policy = PriorityPolicy.earliestDeadline
        var vehicles: [PlanningVehicle] = []
        var jobs: [PlanningJob] = []
        for record in parsed.records.dropFirst() {
            let cells = record.cells
            let ln = record.line
            guard cells.count <= header.count else {
                throw f.fail(ln, "column \(header.count + 1)", "\(cells.count) cells but the header (line \(headerLine)) has \(header.count) columns (separator \(parsed.delimiter))")
            }
            guard jobs.count < JobsFileLimits.maxJobs || cells.first?.lowercased() != "job" else {
                throw f.fail(ln, "type", "more than \(JobsFileLimits.maxJobs) jobs in one file")
            }
            var row: [String: String] = [:]
            for (i, c) in cells.enumerated() where !c.isEmpty { row[header[i]] = c }
            func req(_ k: String) throws -> String {
                guard let v = row[k] else { throw f.fail(ln, k, "required for a '\(BoundedNumbers.excerpt(row["type"] ?? ""))' row") }
                return v
            }
            func capacity() throws -> Volume {
                Volume(kegs: try row["kegs"].map { try f.amount($0, line: ln, field: "kegs") } ?? 0,
                       cases: try row["cases"].map { try f.amount($0, line: ln, field: "cases") } ?? 0,
                       pallets: try row["pallets"].map { try f.amount($0, line: ln, field: "pallets") } ?? 0)
            }
            func location() throws -> Location {
                Location(x: try f.number(try req("x"), line: ln, field: "x"), y: try f.number(try req("y"), line: ln, field: "y"))
            }
            switch try req("type").lowercased() {
            case "depot":
                guard depot == nil else { throw f.fail(ln, "type", "a second depot row; a jobs file plans one depot") }
                let loc = try location()
                let speed = try row["speed"].map { try f.number($0, line: ln, field: "speed", in: JobsFileLimits.speed) } ?? 60
                depot = (try row["id"].map { try f.id($0, line: ln, field: "id") } ?? "depot", Depot(location: loc, unitsPerHour: speed))
                if let d = row["day"] { day = try f.integer(d, line: ln, field: "day", in: JobsFileLimits.day) }
                if let p = row["policy"] { policy = try f.policy(p, line: ln, field: "policy") }
            case "vehicle":
                guard depot != nil else { throw f.fail(ln, "type", "the depot row must come before vehicle and job rows") }
                let from = try row["ready"].map { try f.time($0, line: ln, field: "ready") } ?? .hours(Int64(7))
                let to = try row["due"].map { try f.time($0, line: ln, field: "due") } ?? .hours(Int64(17))
                guard to >= from else { throw f.fail(ln, "due", "shift ends (\(to.clockString)) before it starts (\(from.clockString))") }
                let count = try row["count"].map { try f.integer($0, line: ln, field: "count", in: JobsFileLimits.vehicleCount) } ?? 1
                vehicles.append(PlanningVehicle(name: try f.id(try req("id"), line: ln, field: "id"), capacity: try capacity(),
                                                shiftStart: from, shiftEnd: to, count: count, line: ln))
            case "job":
                guard depot != nil else { throw f.fail(ln, "type", "the depot row must come before vehicle and job rows") }
                let name = try f.id(try req("id"), line: ln, field: "id")
                var windows: [TimeWindow] = []
                if let ws = row["windows"] {
                    for (i, w) in ws.split(separator: ";").prefix(JobsFileLimits.maxWindows + 1).enumerated() {
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
                let loc = try location()
                let service = try row["service"].map { try f.minutes($0, line: ln, field: "service") } ?? .zero
                let deadline = try row["deadline"].map { SimTime(day: day) + (try f.time($0, line: ln, field: "deadline")) } ?? .distantFuture
                let job = DeliveryJob(
                    kind: try row["kind"].map { try f.kind($0, line: ln, field: "kind") } ?? .delivery,
                    retailer: Int32(jobs.count), depot: DepotID(0), location: loc, volume: try capacity(),
                    serviceTime: service, windows: set, promisedDay: day, deadline: deadline,
                    tier: try row["tier"].map { try f.tier($0, line: ln, field: "tier") } ?? .standard,
                    value: Int64(try row["value"].map { try f.integer($0, line: ln, field: "value", in: JobsFileLimits.value) } ?? 0))
                jobs.append(PlanningJob(name: name, job: job, pin: try row["pin"].map { try f.id($0, line: ln, field: "pin") }, line: ln))
            case let other:
                let types = ["depot", "vehicle", "job"]
                throw f.fail(ln, "type", "unknown row type '\(BoundedNumbers.excerpt(other))'\(Suggestion.hint(for: other, among: types)); expected depot, vehicle or job")
            }
        }
        guard let (name, dep) = depot else { throw f.fail(Swift.max(1, headerLine), "type", "no depot row") }
        return try PlanningFile(path: file, depotName: name, depot: dep, day: day, policy: policy, vehicles: vehicles, jobs: jobs).checked()
    }
}
