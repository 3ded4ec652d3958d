import Foundation
import Testing
@testable import ScenarioFiles

/// Never a crash: thousands of mangled variants of the baseline either read or give a `ScenarioError`
/// with a message (the test process would die on a trap).
@Suite struct MutationTests {
    /// A small deterministic generator (SplitMix64), so a failing case can be replayed from its index.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static let replacements = ["-1", "0", "1e308", "-1e308", "99999999999999999999", "nan", ".inf", "~", "[]", "{}", "\"\"",
                               "[[[", "}", ": :", "&a", "*a", "!!binary AA==", "- x", "25:00-26:00", "16:00-08:00", "0bh", "5bd",
                               "{exponential: {mean: -1m}}", "{gamma: {shape: 1e-300, scale: 1m}}", "{weibull: {shape: 1e-9, scale: 1d}}",
                               "{empirical: {data: [1m], interpolated: true}}", "{discrete: {values: [1], weights: [0]}}", "\u{FEFF}", "\t"]

    @Test func mangledBaselinesNeverCrash() throws {
        let text = try String(contentsOf: scenariosFolder.appendingPathComponent("baseline.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var rng = SplitMix(state: 0x5EED)
        var errors = 0, reads = 0
        for _ in 0..<2_000 {
            var l = lines
            for _ in 0...rng.below(3) {
                let i = rng.below(l.count)
                switch rng.below(5) {
                case 0: l.remove(at: i); if l.isEmpty { l = [""] }
                case 1: l.insert(l[rng.below(l.count)], at: i)
                case 2:   // replace the value after a colon
                    if let c = l[i].firstIndex(of: ":") {
                        l[i] = String(l[i][...c]) + " " + Self.replacements[rng.below(Self.replacements.count)]
                    }
                case 3:   // re-indent
                    l[i] = String(repeating: " ", count: rng.below(12)) + l[i].trimmingCharacters(in: .whitespaces)
                default:  // flip one character
                    var chars = Array(l[i])
                    let specials = Array("-:[]{},#&*!|>'\"%@`0 9")
                    if !chars.isEmpty { chars[rng.below(chars.count)] = specials[rng.below(specials.count)] }
                    l[i] = String(chars)
                }
            }
            do {
                _ = try ScenarioFile.parse(l.joined(separator: "\n"), file: "m.yaml")
                reads += 1
            } catch {
                #expect(!error.message.isEmpty)
                #expect(error.description.hasPrefix("m.yaml"))
                errors += 1
            }
        }
        #expect(errors > 500)   // most mutations break something, and say so
        #expect(reads > 50)     // and some (comments, harmless values) still read
    }
}
