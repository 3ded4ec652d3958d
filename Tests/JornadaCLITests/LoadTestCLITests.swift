import Foundation
import Testing

@Suite struct LoadTestCLITests {
    @Test func aShortRunPrintsTheJSONFieldsAndAccountsForEveryRequest() throws {
        let r = try Tool.run(["loadtest", "Scenarios/tiny.yaml", "--rate", "2000", "--duration", "300ms", "--json", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        for key in ["offeredRate", "achievedRate", "p50Nanoseconds", "p99Nanoseconds", "p999Nanoseconds", "maxNanoseconds", "errors", "dropped"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["accountingHolds"] as? Bool == true)
        #expect((o["scheduled"] as! Int) == (o["completed"] as! Int) + (o["errors"] as! Int) + (o["dropped"] as! Int))
    }

    @Test func aViolatedThresholdFailsTheExitStatus() throws {
        let r = try Tool.run(["loadtest", "Scenarios/tiny.yaml", "--rate", "2000", "--duration", "200ms", "--quiet", "--threshold", "p50<1ns", "--threshold", "errors==0"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("threshold p50<1ns: VIOLATED"))
        #expect(r.stdout.contains("threshold errors==0: holds"))
        #expect(r.stderr.contains("threshold p50<1ns violated"))
    }

    @Test func badInputIsRefusedBeforeAnyLoad() throws {
        let cases: [([String], String)] = [
            (["--rate", "0", "--duration", "1s"], "--rate"),
            (["--rate", "-5", "--duration", "1s"], "--rate"),
            (["--rate", "fast", "--duration", "1s"], "--rate"),
            (["--rate", "1000", "--duration", "0s"], "--duration"),
            (["--rate", "1000", "--duration", "-2m"], "--duration"),
            (["--rate", "1000", "--duration", "1s", "--target", "trucks"], "--target"),
            (["--rate", "1000", "--duration", "1s", "--threshold", "p99<<2ms"], "--threshold"),
            (["--rate", "1000", "--duration", "1s", "--url", "http://10.1.2.3:80"], "--url"),
        ]
        for (args, flag) in cases {
            let r = try Tool.run(["loadtest", "Scenarios/tiny.yaml"] + args + ["--quiet"])
            #expect(r.status != 0 && r.status != 1, "\(args): status \(r.status)")
            #expect(r.stderr.contains(flag), "\(args): \(r.stderr)")
            #expect(!r.stdout.contains("load test:"), "\(args) sent load")
        }
    }

    /// The scenario's `loadTest:` block: its thresholds gate the exit status like --threshold, its rate
    /// and duration are used when the flags are absent, and the flags override them.
    @Test func theScenariosLoadTestBlockGivesThresholdsRateAndDuration() throws {
        let tiny = try String(contentsOf: Tool.packageRoot.appendingPathComponent("Scenarios/tiny.yaml"), encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jornada-loadtest-block-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("gated.yaml")
        try (tiny + "\nloadTest:\n  thresholds: [\"p50<1ns\", \"errors==0\"]\n  rate: 2000\n  durationSeconds: 0.2\n").write(to: file, atomically: true, encoding: .utf8)
        let gated = try Tool.run(["loadtest", file.path, "--quiet"])
        #expect(gated.status == 1, "\(gated.stderr)")
        #expect(gated.stdout.contains("threshold p50<1ns: VIOLATED"))
        #expect(gated.stdout.contains("threshold errors==0: holds"))
        #expect(gated.stdout.contains("offered 2000 req/s"))
        // --rate overrides the block's rate; --threshold adds to its thresholds.
        let json = try Tool.run(["loadtest", file.path, "--rate", "3000", "--duration", "300ms", "--threshold", "dropped==0", "--json", "--quiet"])
        #expect(json.status == 1)
        let o = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(o["offeredRate"] as? Double == 3000)
        #expect((o["thresholds"] as? [[String: Any]])?.compactMap { $0["expression"] as? String } == ["p50<1ns", "errors==0", "dropped==0"])
        // Without the block, --rate is required.
        let bare = try Tool.run(["loadtest", "Scenarios/tiny.yaml", "--duration", "1s", "--quiet"])
        #expect(bare.status != 0 && bare.status != 1 && bare.stderr.contains("--rate: required"), "\(bare.stderr)")
    }
}
