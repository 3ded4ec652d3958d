import Foundation
import Testing

/// `jornada validate` and `jornada schema` end to end: exit status, stdout, stderr.
@Suite struct ScenarioCLITests {
    @Test func validatePrintsTheSummaryAndExitsZero() throws {
        let r = try Tool.run(["validate", "Scenarios/tiny.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("tiny: 1 region (Aldeia), 1 depot, 3 trucks, 4 technicians (0 remote), 200 retailers in 5 segments; 14 days, seed 7, 0 disruptions; hash "))
        #expect(r.stderr.isEmpty)
    }

    @Test func validateOfABadFileNamesTheLineAndExitsNonZero() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jornada-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "days: 14\nregions:\n  - {name: A, retailers: -5, depots: []}\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try Tool.run(["validate", "bad.yaml"], in: dir)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "error: bad.yaml:3: regions[0].retailers: must be ≥ 0, got -5\n")
    }

    @Test func resolvedOutputValidatesToTheSameHash() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jornada-cli-r-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let resolved = try Tool.run(["validate", "--resolved", "Scenarios/baseline.yaml"])
        #expect(resolved.status == 0)
        try resolved.stdout.write(to: dir.appendingPathComponent("resolved.yaml"), atomically: true, encoding: .utf8)
        let a = try Tool.run(["validate", "Scenarios/baseline.yaml"])
        let b = try Tool.run(["validate", dir.appendingPathComponent("resolved.yaml").path])
        #expect(a.stdout.split(separator: " ").last == b.stdout.split(separator: " ").last)
    }

    @Test func schemaPrintsTheCommittedSchema() throws {
        let r = try Tool.run(["schema"])
        #expect(r.status == 0)
        let committed = try String(contentsOf: Tool.packageRoot.appendingPathComponent("Scenarios/scenario.schema.json"), encoding: .utf8)
        #expect(r.stdout == committed)
    }
}
