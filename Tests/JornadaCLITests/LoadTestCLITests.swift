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
}
