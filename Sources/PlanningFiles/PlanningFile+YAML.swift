import DeliveryScheduling
import DiscreteEvents
import Foundation
import InputLimits
import Yams

extension PlanningFile {
    /// Parses the YAML format (see README): `depot`, optional `day` and `policy`, `vehicles`, `jobs`.
    /// Unknown keys are errors (with a suggestion). The text's size and nesting depth are checked
    /// before the YAML parser runs (`InputText`), every value against `JobsFileLimits`.
    ///
    /// - Throws: `PlanningFileError` with the file, line and field path (`jobs[2].windows[0]`).
    public static func parseYAML(_ text: String, file: String) throws -> PlanningFile {
        let f = FieldReader(file: file)
        guard text.utf8.count <= JobsFileLimits.maxFileBytes else {
            throw f.fail(0, "size", "the file is larger than the limit of \(JobsFileLimits.maxFileBytes >> 20) MiB")
        }
        try InputText.checkYAMLNesting(text, file: file)
        let root: Node
        do {
            guard let r = try Yams.compose(yaml: text) else { throw f.fail(1, "(document)", "the file is empty") }
            root = r
        } catch let e as YamlError {
            throw f.fail(yamlLine(e), "(syntax)", "not valid YAML: \(e)")
        }
        let y = YAMLReader(f: f)
        let top = try y.mapping(root, "(document)", allowed: ["depot", "day", "policy", "vehicles", "jobs"])
        let day = try top["day"].map { try y.int($0, "day", in: JobsFileLimits.day) } ?? 0
        let policy = try top["policy"].map { try f.policy(try y.string($0, "policy"), line: y.line($0), field: "policy") } ?? .earliestDeadline
        guard let depotNode = top["depot"] else { throw f.fail(y.line(root), "depot", "required") }
        let dm = try y.mapping(depotNode, "depot", allowed: ["id", "x", "y", "speed"])
        let speed = try dm["speed"].map { try y.number($0, "depot.speed", in: JobsFileLimits.speed) } ?? 60
        let depot = Depot(location: Location(x: try y.number(try y.req(dm, "x", depotNode, "depot"), "depot.x"),
                                             y: try y.number(try y.req(dm, "y", depotNode, "depot"), "depot.y")),
                          unitsPerHour: speed)
        let depotName = try dm["id"].map { try y.id($0, "depot.id") } ?? "depot"

        var vehicles: [PlanningVehicle] = []
        for (i, v) in try y.sequence(try y.reqTop(top, "vehicles", root), "vehicles").enumerated() {
            let p = "vehicles[\(i)]"
            let m = try y.mapping(v, p, allowed: ["id", "kegs", "cases", "pallets", "shift", "count"])
            let shift = try m["shift"].map { try f.window(try y.string($0, "\(p).shift"), line: y.line($0), field: "\(p).shift") }
                ?? TimeWindow(from: .hours(Int64(7)), to: .hours(Int64(17)))
            let count = try m["count"].map { try y.int($0, "\(p).count", in: JobsFileLimits.vehicleCount) } ?? 1
            vehicles.append(PlanningVehicle(
                name: try y.id(try y.req(m, "id", v, p), "\(p).id"), capacity: try y.volume(m, p),
                shiftStart: shift.from, shiftEnd: shift.to, count: count, line: y.line(v)))
        }
        var jobs: [PlanningJob] = []
        let jobNodes = try y.sequence(try y.reqTop(top, "jobs", root), "jobs")
        guard jobNodes.count <= JobsFileLimits.maxJobs else {
            throw f.fail(y.line(jobNodes[JobsFileLimits.maxJobs]), "jobs", "more than \(JobsFileLimits.maxJobs) jobs in one file")
        }
        for (i, j) in jobNodes.enumerated() {
            let p = "jobs[\(i)]"
            let m = try y.mapping(j, p, allowed: ["id", "kind", "retailer", "x", "y", "kegs", "cases", "pallets", "service",
                                                  "windows", "deadline", "tier", "value", "pin"])
            var windows: [TimeWindow] = []
            if let ws = m["windows"] {
                for (k, w) in try y.sequence(ws, "\(p).windows").prefix(JobsFileLimits.maxWindows + 1).enumerated() {
                    windows.append(try f.window(try y.string(w, "\(p).windows[\(k)]"), line: y.line(w), field: "\(p).windows[\(k)]"))
                }
            }
            let job = DeliveryJob(
                kind: try m["kind"].map { try f.kind(try y.string($0, "\(p).kind"), line: y.line($0), field: "\(p).kind") } ?? .delivery,
                retailer: Int32(try m["retailer"].map { try y.int($0, "\(p).retailer", in: JobsFileLimits.retailer) } ?? i),
                depot: DepotID(0),
                location: Location(x: try y.number(try y.req(m, "x", j, p), "\(p).x"), y: try y.number(try y.req(m, "y", j, p), "\(p).y")),
                volume: try y.volume(m, p),
                serviceTime: try m["service"].map { try f.minutes(try y.string($0, "\(p).service"), line: y.line($0), field: "\(p).service") } ?? .minutes(Int64(10)),
                windows: try f.windowSet(windows, line: y.line(j), field: "\(p).windows"),
                promisedDay: day,
                deadline: try m["deadline"].map { SimTime(day: day) + (try f.time(try y.string($0, "\(p).deadline"), line: y.line($0), field: "\(p).deadline")) } ?? .distantFuture,
                tier: try m["tier"].map { try f.tier(try y.string($0, "\(p).tier"), line: y.line($0), field: "\(p).tier") } ?? .standard,
                value: Int64(try m["value"].map { try y.int($0, "\(p).value", in: JobsFileLimits.value) } ?? 0))
            jobs.append(PlanningJob(name: try y.id(try y.req(m, "id", j, p), "\(p).id"), job: job,
                                    pin: try m["pin"].map { try y.id($0, "\(p).pin") }, line: y.line(j)))
        }
        return try PlanningFile(path: file, depotName: depotName, depot: depot, day: day, policy: policy, vehicles: vehicles, jobs: jobs).checked()
    }

    static func yamlLine(_ e: YamlError) -> Int {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }
}

/// Typed access to YAML nodes, naming the line and field path on failure.
struct YAMLReader {
    let f: FieldReader

    func line(_ n: Node) -> Int { n.mark?.line ?? 0 }

    func mapping(_ n: Node, _ path: String, allowed: [String]) throws -> [String: Node] {
        guard let m = n.mapping else { throw f.fail(line(n), path, "expected a mapping (key: value)") }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.string else { throw f.fail(line(k), path, "keys must be text") }
            guard allowed.contains(key) else {
                let hint = Suggestion.hint(for: key, among: allowed)
                throw f.fail(line(k), path.isEmpty || path == "(document)" ? key : "\(path).\(key)", "unknown key\(hint)")
            }
            guard out[key] == nil else { throw f.fail(line(k), "\(path).\(key)", "duplicate key") }
            out[key] = v
        }
        return out
    }

    func sequence(_ n: Node, _ path: String) throws -> [Node] {
        guard let s = n.sequence else { throw f.fail(line(n), path, "expected a list") }
        return Array(s)
    }

    func string(_ n: Node, _ path: String) throws -> String {
        guard let s = n.scalar?.string else { throw f.fail(line(n), path, "expected a single value") }
        return s
    }

    func number(_ n: Node, _ path: String, in range: ClosedRange<Double> = JobsFileLimits.coordinate) throws -> Double {
        try f.number(try string(n, path), line: line(n), field: path, in: range)
    }

    func int(_ n: Node, _ path: String, in range: ClosedRange<Int> = 0...1_000_000_000) throws -> Int {
        try f.integer(try string(n, path), line: line(n), field: path, in: range)
    }

    func id(_ n: Node, _ path: String) throws -> String { try f.id(try string(n, path), line: line(n), field: path) }

    func req(_ m: [String: Node], _ key: String, _ owner: Node, _ path: String) throws -> Node {
        guard let v = m[key] else { throw f.fail(line(owner), "\(path).\(key)", "required") }
        return v
    }

    func reqTop(_ m: [String: Node], _ key: String, _ owner: Node) throws -> Node {
        guard let v = m[key] else { throw f.fail(line(owner), key, "required") }
        return v
    }

    func volume(_ m: [String: Node], _ path: String) throws -> Volume {
        func amount(_ k: String) throws -> Int32 {
            guard let n = m[k] else { return 0 }
            return try f.amount(try string(n, "\(path).\(k)"), line: line(n), field: "\(path).\(k)")
        }
        return Volume(kegs: try amount("kegs"), cases: try amount("cases"), pallets: try amount("pallets"))
    }
}
