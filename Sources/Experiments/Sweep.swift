import Foundation
import InputLimits
import RunOutputs

/// What a sweep is: the scenario (after `--set`), the grid, the replications. Written first as
/// `manifest.json`; a re-run resumes only into a folder with the same manifest, and `merge` joins only
/// shards with the same manifest.
public struct SweepManifest: Sendable, Equatable, Codable {
    /// One axis: a field path and its values.
    public struct Axis: Sendable, Equatable, Codable {
        /// The field path.
        public var path: String
        /// Its values, the first being the reference level.
        public var values: [String]
        /// An axis.
        public init(path: String, values: [String]) { self.path = path; self.values = values }
    }
    /// The tool and its version.
    public var tool = "jornada", version: String
    /// The base scenario (common overrides applied).
    public var header: ExperimentHeader
    /// The `--set` overrides common to every cell.
    public var sets: [String]
    /// The grid's axes; cells enumerate them with the last axis fastest.
    public var axes: [Axis]
    /// Each cell's resolved-scenario hash.
    public var cellHashes: [String]
    /// Replications per cell (the same seeds in every cell).
    public var replications: Int

    /// A manifest.
    public init(version: String, header: ExperimentHeader, sets: [String], axes: [Axis], cellHashes: [String], replications: Int) {
        self.version = version
        self.header = header
        self.sets = sets
        self.axes = axes
        self.cellHashes = cellHashes
        self.replications = replications
    }

    /// Cells in the grid.
    public var cells: Int { cellHashes.count }
    /// Work units: cell × replication, unit u = cell · replications + replication.
    public var units: Int { cells * replications }
    /// The settings of cell `c`, one value per axis. - Complexity: O(axes).
    public func settings(_ c: Int) -> [String] {
        var rest = c
        var out = Array(repeating: "", count: axes.count)
        for a in axes.indices.reversed() {
            out[a] = axes[a].values[rest % axes[a].values.count]
            rest /= axes[a].values.count
        }
        return out
    }
    /// `path=value, …` of cell `c`. - Complexity: O(axes).
    public func label(_ c: Int) -> String { zip(axes, settings(c)).map { "\($0.path)=\($1)" }.joined(separator: ", ") }

    /// The JSON form (sorted keys). - Complexity: O(size).
    public func encoded() -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: (try? e.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

/// A slice of a sweep's units: `--shard i/N` takes units u with u mod N = i (round robin balances cells).
public struct Shard: Sendable, Equatable, Codable {
    /// 0-based index.
    public var index: Int
    /// Number of shards.
    public var count: Int
    /// A shard.
    public init(index: Int, count: Int) { self.index = index; self.count = count }
    /// Parses `i/N` with 0 ≤ i < N ≤ 10,000. - Complexity: O(length).
    public init?(parsing s: String) {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 10_000, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }
    /// Whether unit `u` belongs to this shard. - Complexity: O(1).
    public func owns(_ u: Int) -> Bool { u % count == index }
}

/// A sweep's folder: `manifest.json`, `units/` (one file per finished cell × replication, the checkpoint a
/// re-run resumes from), and once complete `sweep.json`, `kpis.csv`, `daily.csv`, `report.html`. A shard's
/// folder holds `manifest.json`, `shard.json` and its units.
public enum SweepFolder {
    /// The file of unit (cell, replication). - Complexity: O(1).
    public static func unitName(cell: Int, replication: Int) -> String {
        "cell" + pad(cell) + "-rep" + pad(replication) + ".json"
    }

    static func pad(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 4 - s.count)) + s }

    /// Makes or reopens `dir` for `manifest`: a new or empty folder gets the manifest; a folder with the
    /// same manifest is resumed; anything else is refused (results are never mixed).
    /// - Throws: `OutputError` naming the folder. - Complexity: O(files in the folder).
    public static func prepare(_ dir: URL, manifest: SweepManifest, shard: Shard?) throws(OutputError) {
        let fm = FileManager.default
        let text = manifest.encoded()
        let manifestPath = dir.appendingPathComponent("manifest.json").path
        if let items = try? fm.contentsOfDirectory(atPath: dir.path), !items.isEmpty {
            guard let old = fm.contents(atPath: manifestPath).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw OutputError(target: dir.path, reason: "the folder exists, is not empty and holds no sweep manifest; results are never mixed (choose another --out)")
            }
            guard old == text else {
                throw OutputError(target: dir.path, reason: "the folder holds a different sweep (scenario, grid or replications differ); results are never mixed (choose another --out)")
            }
            let shardPath = dir.appendingPathComponent("shard.json").path
            let oldShard = fm.contents(atPath: shardPath).flatMap { try? JSONDecoder().decode(Shard.self, from: $0) }
            guard oldShard == shard else {
                throw OutputError(target: dir.path, reason: "the folder holds \(oldShard.map { "shard \($0.index)/\($0.count)" } ?? "a whole sweep") of this sweep, not \(shard.map { "shard \($0.index)/\($0.count)" } ?? "a whole sweep")")
            }
            return
        }
        do { try fm.createDirectory(at: dir.appendingPathComponent("units"), withIntermediateDirectories: true) } catch {
            throw OutputError(target: dir.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        try AtomicFile.write(text, to: manifestPath)
        if let shard {
            try AtomicFile.write("{\"count\": \(shard.count), \"index\": \(shard.index)}\n", to: dir.appendingPathComponent("shard.json").path)
        }
    }

    /// Writes one finished unit atomically. - Throws: `OutputError`. - Complexity: O(size).
    public static func writeUnit(_ r: ReplicationResult, to dir: URL) throws(OutputError) {
        try AtomicFile.write(r.encoded(), to: dir.appendingPathComponent("units").appendingPathComponent(unitName(cell: r.cell, replication: r.replication)).path)
    }

    /// The units of `manifest` present in `dir` (index u = cell · replications + replication), as read.
    /// A unit file that does not decode, or names another cell or replication, is an error.
    /// - Complexity: O(units × size).
    public static func units(in dir: URL, manifest: SweepManifest) throws(OutputError) -> [ReplicationResult?] {
        var out: [ReplicationResult?] = Array(repeating: nil, count: manifest.units)
        let unitsDir = dir.appendingPathComponent("units")
        for u in 0..<manifest.units {
            let c = u / manifest.replications, r = u % manifest.replications
            let path = unitsDir.appendingPathComponent(unitName(cell: c, replication: r)).path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let result = try? ReplicationResult.decoded(String(decoding: data, as: UTF8.self)), result.cell == c, result.replication == r else {
                throw OutputError(target: path, reason: "not a result of cell \(c), replication \(r) of this sweep (damaged or edited)")
            }
            out[u] = result
        }
        return out
    }

    /// `sweep.json`: the grid, each cell's KPI means and intervals, and each cell's paired difference from
    /// cell 0 (the first value of every axis). - Complexity: O(cells × replications × KPIs).
    public static func sweepJSON(_ m: SweepManifest, cells: [[ReplicationResult]]) -> String {
        typealias J = RunFiles
        let summaries = cells.map(ReplicationStatistics.summarise)
        var s = "{\n  \"tool\": \"jornada\",\n  \"version\": \(J.json(m.version)),\n"
        let h = m.header
        s += "  \"scenario\": {\"name\": \(J.json(h.scenarioName)), \"hash\": \(J.json(h.scenarioHash)), \"seed\": \(h.seed), "
        s += "\"days\": \(h.days), \"warmUpDays\": \(h.warmUpDays), \"regions\": \(h.regions), \"retailers\": \(h.retailers)},\n"
        s += "  \"sets\": [\(m.sets.map(J.json).joined(separator: ", "))],\n"
        s += "  \"axes\": [\(m.axes.map { "{\"path\": \(J.json($0.path)), \"values\": [\($0.values.map(J.json).joined(separator: ", "))]}" }.joined(separator: ", "))],\n"
        s += "  \"replications\": \(m.replications),\n  \"confidenceLevel\": \(J.number(ReplicationStatistics.level)),\n"
        s += "  \"seeds\": [\((0..<m.replications).map { String(ReplicationSeeds.seed(base: h.seed, replication: $0)) }.joined(separator: ", "))],\n"
        s += "  \"cells\": [\n"
        s += cells.indices.map { c in
            let diffs = ReplicationStatistics.paired(summaries[0], summaries[c])
            var t = "    {\"cell\": \(c), \"settings\": {\(zip(m.axes, m.settings(c)).map { "\(J.json($0.path)): \(J.json($1))" }.joined(separator: ", "))}, "
            t += "\"hash\": \(J.json(m.cellHashes[c])), \"sound\": \(cells[c].allSatisfy(\.isSound)),\n      \"kpis\": {\n"
            t += zip(summaries[c], diffs).map { k, d in
                "        \(J.json(k.key)): {\"value\": \(ExperimentFiles.num(k.mean)), \"ci95\": \(ExperimentFiles.interval(k.interval)), \"n\": \(k.n), "
                    + "\"vsCell0\": {\"difference\": \(ExperimentFiles.num(d.difference)), \"ci95\": \(ExperimentFiles.interval(d.interval)), "
                    + "\"pairs\": \(d.pairs), \"significant\": \(d.significant)}}"
            }.joined(separator: ",\n")
            return t + "\n      }}"
        }.joined(separator: ",\n")
        s += "\n  ],\n  \"kpiDefinitions\": {\n"
        s += (summaries.first ?? []).map { "    \(J.json($0.key)): {\"journey\": \(J.json($0.journey)), \"unit\": \(J.json($0.unit)), \"definition\": \(J.json($0.definition))}" }
            .joined(separator: ",\n")
        return s + "\n  }\n}\n"
    }

    /// The sweep's `kpis.csv`: one row per cell, replication and KPI, with a column per axis.
    /// - Complexity: O(cells × replications × KPIs).
    public static func kpisCSV(_ m: SweepManifest, cells: [[ReplicationResult]]) -> String {
        var s = (["cell"] + m.axes.map { RunFiles.csv($0.path) } + ["replication", "seed", "key", "value", "unit", "count"]).joined(separator: ",") + "\n"
        for (c, results) in cells.enumerated() {
            let lead = ([String(c)] + m.settings(c).map(RunFiles.csv)).joined(separator: ",")
            for r in results {
                for k in r.kpis { s += "\(lead),\(r.replication),\(r.seed),\(k.key),\(k.value.map(RunFiles.csvNumber) ?? ""),\(k.unit),\(k.count)\n" }
            }
        }
        return s
    }

    /// The sweep's `daily.csv`: one row per cell, replication and day. - Complexity: O(cells × replications × days).
    public static func dailyCSV(_ m: SweepManifest, cells: [[ReplicationResult]]) -> String {
        let columns = cells.first?.first?.dailyColumns ?? RunFiles.dailyColumns
        var s = "cell,replication,seed," + columns.joined(separator: ",") + "\n"
        for (c, results) in cells.enumerated() {
            for r in results {
                for row in r.daily { s += "\(c),\(r.replication),\(r.seed)," + row.map(RunFiles.csvNumber).joined(separator: ",") + "\n" }
            }
        }
        return s
    }

    /// Joins shard folders into the units of one sweep: every folder must hold the same manifest and a
    /// `shard.json` of the same count, the shard indices must be 0..<N exactly once, and every unit must be
    /// present. Returns the manifest, its text and the units' file texts (copied byte for byte).
    /// - Throws: `OutputError` naming the folder and what is wrong. - Complexity: O(units × size).
    public static func gather(_ dirs: [URL]) throws(OutputError) -> (manifest: SweepManifest, manifestText: String, units: [String]) {
        let fm = FileManager.default
        var manifestText: String?
        var manifest: SweepManifest?
        var seen: [Int: URL] = [:]
        var count: Int?
        var texts: [String?] = []
        for dir in dirs {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
                throw OutputError(target: dir.path, reason: "no such folder (expected a shard folder written by jornada sweep --shard)")
            }
            guard let mData = fm.contents(atPath: dir.appendingPathComponent("manifest.json").path),
                  let m = try? JSONDecoder().decode(SweepManifest.self, from: mData) else {
                throw OutputError(target: dir.appendingPathComponent("manifest.json").path, reason: "missing or unreadable: not a sweep folder")
            }
            guard let sData = fm.contents(atPath: dir.appendingPathComponent("shard.json").path),
                  let shard = try? JSONDecoder().decode(Shard.self, from: sData) else {
                throw OutputError(target: dir.appendingPathComponent("shard.json").path, reason: "missing or unreadable: not a shard folder (a whole sweep needs no merge)")
            }
            let text = String(decoding: mData, as: UTF8.self)
            if let first = manifestText, first != text {
                throw OutputError(target: dir.path, reason: "a shard of a different sweep than \(dirs[0].path) (scenario, grid, replications or version differ)")
            }
            if let n = count, n != shard.count {
                throw OutputError(target: dir.path, reason: "shard \(shard.index)/\(shard.count), but \(dirs[0].path) is one of \(n) shards")
            }
            if let other = seen[shard.index] {
                throw OutputError(target: dir.path, reason: "shard \(shard.index)/\(shard.count) is given twice (also \(other.path))")
            }
            seen[shard.index] = dir
            manifestText = text; manifest = m; count = shard.count
            if texts.isEmpty { texts = Array(repeating: nil, count: m.units) }
            let unitsDir = dir.appendingPathComponent("units")
            for u in 0..<m.units where shard.owns(u) {
                let c = u / m.replications, r = u % m.replications
                let path = unitsDir.appendingPathComponent(unitName(cell: c, replication: r)).path
                guard let data = fm.contents(atPath: path) else {
                    throw OutputError(target: path, reason: "missing: shard \(shard.index)/\(shard.count) is incomplete (re-run it; finished units are kept)")
                }
                texts[u] = String(decoding: data, as: UTF8.self)
            }
        }
        guard let manifest, let manifestText, let count else { throw OutputError(target: "merge", reason: "no shard folders given") }
        let missing = (0..<count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw OutputError(target: dirs.map(\.path).joined(separator: " "), reason: "missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) of \(count)")
        }
        return (manifest, manifestText, texts.map { $0 ?? "" })
    }
}
