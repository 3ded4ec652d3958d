import ArgumentParser
import Benchmarking
import DeliveryScheduling
import Foundation

/// `jornada bench routing DIR`: route quality and time on published VRPTW instances.
struct BenchRouting: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Plan every Solomon / Gehring–Homberger instance in a folder and compare with the best known.",
        discussion: """
            Reads every .txt instance of DIR in its own format, plans it (by default the quality setting: \
            ruin-and-recreate for --iterations iterations, seed --seed), and prints per instance: customers \
            served, vehicles used and given, distance, gap to the best-known distance of DIR/best-known.csv, \
            and the seconds planDay took; then the mean per family. Best-known values minimise vehicles \
            first, so a plan with more trucks can be shorter than the best known (a negative gap). With \
            --time-limit the search also stops at that wall time, and results then depend on the machine. \
            Build with -c release.
            """)

    @Argument(help: "A folder of instances (e.g. Scenarios/solomon).") var dir: String
    @Option(help: "Wall-clock limit per instance (e.g. 1s, 500ms); omit for a reproducible run.") var timeLimit: String?
    @Option(help: "Ruin-and-recreate iterations per instance.") var iterations: Int = PlanCommandDefaults.iterations
    @Option(help: "Seed of the search.") var seed: UInt64 = 1
    @Option(help: "Only these families, comma-separated (e.g. C1,R1,RC1); all when omitted.") var family: String?
    @Flag(help: "Use the simulation's fast setting (no ruin-and-recreate) instead.") var fast = false
    @Flag(help: "One JSON object per line instead of a table.") var json = false

    func run() throws {
        guard iterations >= 0 else { throw ValidationError("--iterations: must be ≥ 0, got \(iterations)") }
        let limit = try timeLimit.map { try DurationOption.parse($0, option: "--time-limit") }
        let options = fast ? PlanOptions.fast : PlanOptions.quality(timeLimit: limit, iterations: iterations, seed: seed)
        var files = try RoutingBench.instances(in: dir)
        if let family {
            let wanted = Set(family.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
            files = files.filter { wanted.contains(RoutingFamilies.family(($0 as NSString).lastPathComponent.uppercased().replacingOccurrences(of: ".TXT", with: ""))) }
        }
        guard !files.isEmpty else { throw ValidationError("\(dir): no .txt instance files\(family.map { " of families \($0)" } ?? "")") }
        let best = try RoutingBench.bestKnown(in: dir)
        var results: [RoutingBenchResult] = []
        for f in files {
            let r = try RoutingBench.run(file: f, options: options, bestKnown: best)
            if json { print(r.record.jsonLine()) }
            results.append(r)
        }
        let families = RoutingFamilies.summarise(results)
        if json {
            for f in families { print(f.jsonLine()) }
            return
        }
        let mode = fast ? "fast setting" : "ruin-and-recreate, \(iterations) iterations, seed \(seed)" + (timeLimit.map { ", time limit \($0)" } ?? "")
        print("Routing on \(dir) (\(mode))")
        print(BenchTable.render(results.map(\.record)))
        print("\nPer family")
        print(BenchTable.render(families))
    }
}

/// Family summaries of a routing run (R1, C1, RC1, C1_2 …).
enum RoutingFamilies {
    /// `R101` → `R1`, `RC205` → `RC2`, `C1_2_1` → `C1_2`.
    static func family(_ name: String) -> String {
        let parts = name.split(separator: "_")
        if parts.count == 3 { return "\(parts[0])_\(parts[1])" }
        let letters = name.prefix { $0.isLetter }
        return String(letters) + String(name.dropFirst(letters.count).prefix(1))
    }

    /// One record per family, in order of first appearance: instances, customers served of all, the
    /// instances that used more trucks than given, mean and largest gap, mean and largest seconds.
    static func summarise(_ results: [RoutingBenchResult]) -> [BenchRecord] {
        var order: [String] = []
        var groups: [String: [RoutingBenchResult]] = [:]
        for r in results {
            let f = family(r.instance)
            if groups[f] == nil { order.append(f) }
            groups[f, default: []].append(r)
        }
        return order.map { f in
            let g = groups[f] ?? []
            let gaps = g.compactMap(\.gapPercent)
            var fields: [(String, BenchRecord.Value)] = [
                ("family", .text(f)), ("instances", .int(g.count)),
                ("served", .int(g.reduce(0) { $0 + $1.served })), ("customers", .int(g.reduce(0) { $0 + $1.customers })),
                ("overFleet", .int(g.filter { $0.vehicles > $0.fleet }.count)),
                ("vehicles", .int(g.reduce(0) { $0 + $1.vehicles })),
                ("bestKnownVehicles", .int(g.reduce(0) { $0 + ($1.bestKnown?.vehicles ?? 0) })),
            ]
            if !gaps.isEmpty {
                fields.append(("meanGapPercent", .double(gaps.reduce(0, +) / Double(gaps.count))))
                fields.append(("maxGapPercent", .double(gaps.max() ?? 0)))
            }
            fields.append(("meanSeconds", .double(g.reduce(0) { $0 + $1.seconds } / Double(Swift.max(1, g.count)))))
            fields.append(("maxSeconds", .double(g.map(\.seconds).max() ?? 0)))
            return BenchRecord(fields)
        }
    }
}
