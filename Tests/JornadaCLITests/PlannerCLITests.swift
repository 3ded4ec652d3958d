import Foundation
import Testing

/// The planner's workflow end to end (debug build, tiny scenario, few days): replications, `--set`,
/// determinism across `--jobs`, sweeps with shards and merge, compare, and the bad-input messages.
@Suite("jornada run/sweep/merge/compare: the planner's workflow")
struct PlannerCLITests {
    static func temp(_ tag: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("jornada-planner-\(tag)-\(UUID().uuidString)")
    }

    static func read(_ dir: URL, _ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every file under `dir`, relative path → contents.
    static func tree(_ dir: URL) throws -> [(String, Data)] {
        let fm = FileManager.default
        let paths = (fm.subpaths(atPath: dir.path) ?? []).sorted()
        return try paths.compactMap { p in
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: dir.appendingPathComponent(p).path, isDirectory: &isDir)
            return isDir.boolValue ? nil : (p, try Data(contentsOf: dir.appendingPathComponent(p)))
        }
    }

    static let tiny = ["Scenarios/tiny.yaml", "--days", "4", "--quiet"]
    static let grid = ["--vary", "regions[0].depots[0].vehicles[0].count=2,3", "--vary", "policies.delivery=earliest-deadline,least-slack"]

    @Test func replicationsAreByteIdenticalForAnyNumberOfJobs() throws {
        let dirs = [Self.temp("j1"), Self.temp("j2"), Self.temp("j8")]
        defer { for d in dirs { try? FileManager.default.removeItem(at: d) } }
        for (d, jobs) in zip(dirs, ["1", "2", "8"]) {
            let r = try Tool.run(["run"] + Self.tiny + ["--replications", "5", "--jobs", jobs, "--out", d.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.split(separator: "\n").last.map(String.init) == d.appendingPathComponent("report.html").path)
        }
        for f in ["summary.json", "kpis.csv", "daily.csv", "report.html", "scenario.resolved.yaml"] {
            let a = try Self.read(dirs[0], f)
            #expect(a == (try Self.read(dirs[1], f)), "\(f): --jobs 1 and 2 differ")
            #expect(a == (try Self.read(dirs[2], f)), "\(f): --jobs 1 and 8 differ")
        }
        let summary = try Self.read(dirs[0], "summary.json")
        #expect(summary.contains("\"replications\": 5"))
        #expect(summary.contains("\"ci95\": ["))
        let kpis = try Self.read(dirs[0], "kpis.csv").split(separator: "\n")
        #expect(kpis.first == "replication,seed,key,journey,value,unit,count,definition")
        #expect(Set(kpis.dropFirst().map { $0.prefix { $0 != "," } }) == ["0", "1", "2", "3", "4"])
        let daily = try Self.read(dirs[0], "daily.csv").split(separator: "\n")
        #expect(daily.count == 1 + 5 * 4)
    }

    @Test func setChangesTheScenarioAndItsHash() throws {
        let a = Self.temp("set-a"), b = Self.temp("set-b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try Tool.run(["run"] + Self.tiny + ["--out", a.path]).status == 0)
        let r = try Tool.run(["run"] + Self.tiny + ["--out", b.path, "--set", "regions[Aldeia].depots[0].vehicles[0].count=5", "--set", "policies.delivery=least-slack"])
        #expect(r.status == 0, "\(r.stderr)")
        let resolved = try Self.read(b, "scenario.resolved.yaml")
        #expect(resolved.contains("count: 5"))
        #expect(resolved.contains("delivery: least-slack"))
        #expect(try Self.read(a, "summary.json") != (try Self.read(b, "summary.json")))
    }

    @Test func aBadSetNamesThePathSuggestsAndWritesNothing() throws {
        let out = Self.temp("bad-set")
        defer { try? FileManager.default.removeItem(at: out) }
        let typo = try Tool.run(["run"] + Self.tiny + ["--out", out.path, "--set", "polices.delivery=fifo"])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("--set: polices.delivery"))
        #expect(typo.stderr.contains("did you mean 'policies'"))
        let value = try Tool.run(["run"] + Self.tiny + ["--out", out.path, "--set", "policies.delivery=fastest"])
        #expect(value.status != 0)
        #expect(value.stderr.contains("policies.delivery"))
        #expect(value.stderr.contains("fifo"), "the error lists the accepted policies: \(value.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let validate = try Tool.run(["validate", "Scenarios/tiny.yaml", "--vary", "regions[0].retailers=100,-1"])
        #expect(validate.status != 0)
        #expect(validate.stderr.contains("regions[0].retailers"))
        let good = try Tool.run(["validate", "Scenarios/tiny.yaml"] + Self.grid)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("4 cells, every one valid"))
    }

    @Test func aWarmUpAsLongAsTheRunIsRefused() throws {
        let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--days", "4", "--warm-up", "4", "--quiet", "--out", Self.temp("warm").path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--warm-up") && r.stderr.contains("warmUpDays"), "\(r.stderr)")
    }

    @Test func anUnwritableOutputIsRefusedBeforeRunning() throws {
        let dir = Self.temp("unwritable")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try "keep".write(to: file, atomically: true, encoding: .utf8)
        let r = try Tool.run(["run"] + Self.tiny + ["--out", file.appendingPathComponent("out").path])
        #expect(r.status != 0)
        #expect(r.stderr.contains(file.path) && r.stderr.contains("not a folder"), "\(r.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep")
    }

    @Test func shardsMergeIntoExactlyTheSingleMachineSweep() throws {
        let whole = Self.temp("sweep"), merged = Self.temp("merged")
        let shards = (0..<3).map { Self.temp("shard\($0)") }
        defer { for d in [whole, merged] + shards { try? FileManager.default.removeItem(at: d) } }
        let sweep = ["sweep", "Scenarios/tiny.yaml", "--days", "4", "--replications", "2", "--quiet"] + Self.grid
        let w = try Tool.run(sweep + ["--out", whole.path, "--jobs", "2"])
        #expect(w.status == 0, "\(w.stderr)")
        for (i, d) in shards.enumerated() {
            let s = try Tool.run(sweep + ["--out", d.path, "--shard", "\(i)/3", "--jobs", "1"])
            #expect(s.status == 0, "\(s.stderr)")
        }
        let m = try Tool.run(["merge"] + shards.map(\.path) + ["--out", merged.path])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(m.stdout.split(separator: "\n").last.map(String.init) == merged.appendingPathComponent("report.html").path)
        let a = try Self.tree(whole), b = try Self.tree(merged)
        #expect(a.map(\.0) == b.map(\.0))
        for ((name, x), (_, y)) in zip(a, b) { #expect(x == y, "\(name) differs between the sweep and the merge") }
        #expect(a.map(\.0).contains("sweep.json") && a.map(\.0).contains("units/cell0003-rep0001.json"))
        let json = try Self.read(whole, "sweep.json")
        #expect(json.contains("\"vsCell0\""))

        // Re-running the sweep skips every finished unit and changes nothing.
        let again = try Tool.run(sweep + ["--out", whole.path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("resuming: 8 of 8 units already complete"))
        #expect(try Self.tree(whole).map(\.1) == a.map(\.1))
        // A different sweep is never mixed into the folder.
        let other = try Tool.run(sweep.map { $0.replacingOccurrences(of: "=2,3", with: "=2,4") } + ["--out", whole.path])
        #expect(other.status != 0)
        #expect(other.stderr.contains("different sweep"))
    }

    @Test func mergeRefusesMissingRepeatedAndForeignShards() throws {
        let shards = (0..<2).map { Self.temp("m-shard\($0)") }, foreign = Self.temp("m-foreign"), out = Self.temp("m-out")
        defer { for d in shards + [foreign, out] { try? FileManager.default.removeItem(at: d) } }
        let sweep = ["sweep", "Scenarios/tiny.yaml", "--days", "3", "--replications", "1", "--quiet", "--vary", "regions[0].retailers=100,150"]
        for (i, d) in shards.enumerated() { #expect(try Tool.run(sweep + ["--shard", "\(i)/2", "--out", d.path]).status == 0) }
        #expect(try Tool.run(sweep.map { $0.replacingOccurrences(of: "=100,150", with: "=100,160") } + ["--shard", "1/2", "--out", foreign.path]).status == 0)
        let missing = try Tool.run(["merge", shards[0].path, "--out", out.path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("missing shard 1/2"), "\(missing.stderr)")
        let twice = try Tool.run(["merge", shards[0].path, shards[0].path, "--out", out.path])
        #expect(twice.status != 0)
        #expect(twice.stderr.contains("given twice"))
        let mixed = try Tool.run(["merge", shards[0].path, foreign.path, "--out", out.path])
        #expect(mixed.status != 0)
        #expect(mixed.stderr.contains(foreign.path) && mixed.stderr.contains("different sweep"))
        let nowhere = try Tool.run(["merge", shards[0].path, "/no/such/shard", "--out", out.path])
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("/no/such/shard"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func compareFindsAPairedChangeAndWritesCompareJSON() throws {
        let a = Self.temp("cmp-a"), b = Self.temp("cmp-b"), out = Self.temp("cmp-out")
        defer { for d in [a, b, out] { try? FileManager.default.removeItem(at: d) } }
        let run = ["run", "Scenarios/tiny.yaml", "--days", "6", "--quiet", "--replications", "4"]
        #expect(try Tool.run(run + ["--out", a.path]).status == 0)
        #expect(try Tool.run(run + ["--out", b.path, "--set", "regions[0].depots[0].vehicles[0].count=1"]).status == 0)
        let c = try Tool.run(["compare", a.path, b.path, "--out", out.appendingPathComponent("compare.json").path])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("paired by replication"))
        #expect(c.stdout.split(separator: "\n").last.map(String.init) == out.appendingPathComponent("compare.json").path)
        let json = try Self.read(out, "compare.json")
        #expect(json.contains("\"paired\": true"))
        #expect(json.contains("\"delivery.otif\": {"))
        let unknown = try Tool.run(["compare", a.path, "/no/such/run"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("/no/such/run") && unknown.stderr.contains("no such run folder"))
    }

    @Test func ctrlCKeepsTheFinishedReplications() throws {
        let out = Self.temp("sigint")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = Tool.binary
        p.arguments = ["run", "Scenarios/tiny.yaml", "--days", "14", "--replications", "5000", "--jobs", "2", "--quiet", "--out", out.path]
        p.currentDirectoryURL = Tool.packageRoot
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        Thread.sleep(forTimeInterval: 2)
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let summary = try Self.read(out, "summary.json")
        #expect(summary.contains("\"interrupted\": true"))
        #expect(summary.contains("\"requested\": 5000"))
    }
}
