import Foundation
import RetailerJourneys
import Testing
@testable import ScenarioFiles

/// The optional `loadTest:` block: read into the scenario, typos refused at their line, and left out
/// of the resolved form (and so of the hash) when absent.
@Suite struct LoadTestBlockTests {
    @Test func theBlockIsReadWithItsThresholdsRateAndDuration() throws {
        let text = smallScenario + "\nloadTest:\n  thresholds: [\"p99<2ms\", \"errors==0\", \"achievedRate>=450k\"]\n  rate: 500000\n  durationSeconds: 10\n"
        let s = try ScenarioFile.parse(text, file: "s.yaml")
        #expect(s.loadTest.thresholds == ["p99<2ms", "errors==0", "achievedRate>=450k"])
        #expect(s.loadTest.rate == 500_000)
        #expect(s.loadTest.durationSeconds == 10)
        // The resolved form keeps the block and reads back to the same scenario.
        let resolved = ScenarioFile.resolvedYAML(s)
        #expect(resolved.contains("loadTest:"))
        #expect(try ScenarioFile.parse(resolved, file: "resolved.yaml", defaultName: s.name) == s)
    }

    @Test func withoutTheBlockTheResolvedFormAndTheHashAreUnchanged() throws {
        let s = try ScenarioFile.parse(smallScenario, file: "s.yaml")
        #expect(s.loadTest.isEmpty)
        #expect(!ScenarioFile.resolvedYAML(s).contains("loadTest"))
        // An empty block is the same scenario as none.
        let empty = try ScenarioFile.parse(smallScenario + "\nloadTest: {}\n", file: "s.yaml")
        #expect(ScenarioFile.scenarioHash(empty) == ScenarioFile.scenarioHash(s))
    }

    @Test func aMalformedThresholdNamesItsLineAndIndex() {
        let text = smallScenario + "\nloadTest:\n  thresholds:\n    - \"p99<2ms\"\n    - \"p99<<2ms\"\n"
        let e = readError(text)
        #expect(e?.hasPrefix("s.yaml:16: loadTest.thresholds[1]: expected METRIC OP VALUE") == true, "\(e ?? "no error")")
        #expect(readError(smallScenario + "\nloadTest: {thresholds: [\"p42<1ms\"]}\n")?.contains("loadTest.thresholds[0]") == true)
        #expect(readError(smallScenario + "\nloadTest: {rate: 0}\n")?.contains("loadTest.rate") == true)
        #expect(readError(smallScenario + "\nloadTest: {durationSeconds: -1}\n")?.contains("loadTest.durationSeconds") == true)
        #expect(readError(smallScenario + "\nloadTest: {treshold: []}\n")?.contains("did you mean 'thresholds'") == true)
    }
}
