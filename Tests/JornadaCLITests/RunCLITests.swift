import Foundation
import Testing

/// `jornada run` end to end on the tiny bundled scenario (debug build).
@Suite("jornada run, end to end")
struct RunCLITests {
    static func tempDir(_ tag: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("jornada-run-\(tag)-\(UUID().uuidString)")
    }

    @Test func writesEveryFileAndPrintsTheReportLast() throws {
        let out = Self.tempDir("files")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.last.map(String.init) == out.appendingPathComponent("report.html").path)
        #expect(r.stdout.contains("delivery.otif"))
        #expect(r.stdout.contains("orders: placed"))
        #expect(r.stdout.contains("events/s"))
        for f in ["summary.json", "kpis.csv", "daily.csv", "scenario.resolved.yaml", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(f).path), "\(f) missing")
        }
        let daily = try String(contentsOf: out.appendingPathComponent("daily.csv"), encoding: .utf8)
        #expect(daily.split(separator: "\n").count == 1 + 14)   // header + one row per day of tiny.yaml
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"seed\": "))
        #expect(summary.contains("\"hash\": "))
        // No wall-clock figure may reach summary.json: it must be byte-identical across runs.
        #expect(!summary.contains("seconds"))
    }

    @Test func seedAndDaysOverridesChangeTheRun() throws {
        let a = Self.tempDir("a"), b = Self.tempDir("b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(try Tool.run(["run", "Scenarios/tiny.yaml", "--out", a.path, "--quiet", "--days", "5"]).status == 0)
        #expect(try Tool.run(["run", "Scenarios/tiny.yaml", "--out", b.path, "--quiet", "--days", "5", "--seed", "99"]).status == 0)
        let sa = try String(contentsOf: a.appendingPathComponent("summary.json"), encoding: .utf8)
        let sb = try String(contentsOf: b.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(sa.contains("\"days\": 5"))
        #expect(sb.contains("\"seed\": 99"))
        #expect(sa != sb)
    }

    @Test func aBadScenarioIsRefusedBeforeRunningAndWritesNothing() throws {
        let dir = Self.tempDir("bad")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml")
        try "days: 10\nregions:\n  - name: X\n    retailers: -5\n    depots: []\n".write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Tool.run(["run", file.path, "--out", out.path])
        #expect(r.status != 0)
        #expect((r.stderr + r.stdout).contains("bad.yaml:4"))
        #expect((r.stderr + r.stdout).contains("regions[0].retailers"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func anExistingNonEmptyOutputFolderIsNeverMixed() throws {
        let out = Self.tempDir("busy")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        try "keep me".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--out", out.path, "--days", "2"])
        #expect(r.status != 0)
        #expect((r.stderr + r.stdout).contains("not empty"))
        #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
    }

    @Test func badOptionsAreRefused() throws {
        let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--days", "0"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--days"))
        let missing = try Tool.run(["run", "Scenarios/no-such.yaml"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no-such.yaml"))
        let workers = try Tool.run(["run", "Scenarios/tiny.yaml", "--workers", "0"])
        #expect(workers.status != 0)
        #expect(workers.stderr.contains("--workers must be in 1...1024, got 0"))
    }

    /// A scenario that cannot fit in memory is refused before anything starts, with the estimate, and
    /// writes nothing: 40 regions of 10 million retailers need about 960 GB by the stated budget.
    @Test func aScenarioTooBigForMemoryIsRefusedWithTheEstimate() throws {
        let dir = Self.tempDir("huge")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var yaml = "name: huge\ndays: 30\nregions:\n"
        for i in 0..<40 {
            yaml += "  - name: R\(i)\n    retailers: 10000000\n    depots:\n      - {name: D, x: 0, y: 0, vehicles: [{name: T, count: 10, kegs: 100, cases: 400}]}\n"
        }
        let file = dir.appendingPathComponent("huge.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Tool.run(["run", file.path, "--out", out.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("huge (400000000 retailers"), "\(r.stderr)")
        #expect(r.stderr.contains("needs about 960 GB of memory, more than the"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

@Suite("KPI glossary")
struct KPIGlossaryTests {
    @Test func resultsReadmeListsEveryKPI() throws {
        let printed = try Tool.run(["kpis"])
        #expect(printed.status == 0)
        let readme = try String(contentsOf: Tool.packageRoot.appendingPathComponent("Results/README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- kpis:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- kpis:end -->"))
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == printed.stdout,
                "Results/README.md's KPI table is stale: regenerate it from `jornada kpis`")
        #expect(printed.stdout.contains("| `delivery.otif` | share |"))
    }
}
