import DeliveryScheduling
import Foundation
import PlanningFiles

/// A published best-known solution: its vehicle count and distance.
public struct BestKnown: Sendable, Hashable {
    /// Vehicles of the best-known solution.
    public var vehicles: Int
    /// Its total distance.
    public var distance: Double
}

/// One instance planned by `jornada bench routing`.
public struct RoutingBenchResult: Sendable {
    /// The instance's name (from its file).
    public var instance: String
    /// Customers in the instance.
    public var customers: Int
    /// Customers served.
    public var served: Int
    /// Trucks used.
    public var vehicles: Int
    /// Trucks the instance gives.
    public var fleet: Int
    /// Total distance.
    public var distance: Double
    /// The best-known solution, when `best-known.csv` lists the instance.
    public var bestKnown: BestKnown?
    /// Ruin-and-recreate iterations run.
    public var iterations: Int
    /// Wall time of `planDay`, in seconds.
    public var seconds: Double
    /// The plan itself, for checks.
    public var plan: DayPlan

    /// (distance − best known) / best known, in percent; nil without a best-known value.
    public var gapPercent: Double? { bestKnown.map { 100 * (distance - $0.distance) / $0.distance } }

    /// The result as a benchmark record (a table row or a JSON line).
    public var record: BenchRecord {
        var f: [(String, BenchRecord.Value)] = [
            ("instance", .text(instance)), ("customers", .int(customers)), ("served", .int(served)),
            ("vehicles", .int(vehicles)), ("fleet", .int(fleet)), ("distance", .double(distance)),
        ]
        if let b = bestKnown {
            f.append(("bestKnownVehicles", .int(b.vehicles)))
            f.append(("bestKnownDistance", .double(b.distance)))
        }
        if let g = gapPercent { f.append(("gapPercent", .double(g))) }
        f.append(("iterations", .int(iterations)))
        f.append(("seconds", .double(seconds)))
        return BenchRecord(f)
    }
}

/// `jornada bench routing`: plans every Solomon / Gehring–Homberger instance of a folder and compares it
/// with the folder's `best-known.csv`.
public enum RoutingBench {
    /// The instance files of `dir` (`.txt`, any case), sorted by name. - Throws: when `dir` cannot be read.
    public static func instances(in dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.lowercased().hasSuffix(".txt") }
            .sorted { $0.lowercased() < $1.lowercased() }
            .map { (dir as NSString).appendingPathComponent($0) }
    }

    /// The best-known table of `dir` (`best-known.csv`: `instance,vehicles,distance,source`, `#` comments),
    /// keyed by upper-cased instance name; empty when the file is absent.
    /// - Throws: `PlanningFileError` for a malformed line.
    public static func bestKnown(in dir: String) throws -> [String: BestKnown] {
        let path = (dir as NSString).appendingPathComponent("best-known.csv")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return [:] }
        var out: [String: BestKnown] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.lowercased().hasPrefix("instance,") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let v = Int(cells[1]), let d = Double(cells[2]), d > 0 else {
                throw PlanningFileError(file: path, line: i + 1, field: "vehicles,distance",
                                        message: "expected instance,vehicles,distance[,source], got '\(line)'")
            }
            out[cells[0].uppercased()] = BestKnown(vehicles: v, distance: d)
        }
        return out
    }

    /// Plans `file` with `options` and times `planDay` alone (reading and building are not timed).
    /// - Throws: `PlanningFileError` for a malformed file.
    public static func run(file: String, options: PlanOptions, bestKnown: [String: BestKnown]) throws -> RoutingBenchResult {
        let loaded = try PlanningFile.load(path: file).build()
        let (plan, seconds) = try BenchClock.measure { try loaded.plan(options: options) }
        let name = loaded.file.depotName
        return RoutingBenchResult(
            instance: name, customers: loaded.file.jobs.count, served: plan.assignedCount, vehicles: plan.vehiclesUsed,
            fleet: loaded.file.vehicles.reduce(0) { $0 + $1.count }, distance: plan.totalDistance,
            bestKnown: bestKnown[name.uppercased()], iterations: plan.searchIterations, seconds: seconds, plan: plan)
    }
}
