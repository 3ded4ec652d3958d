import Foundation
import InputLimits
import Testing

@Suite("Bounded numbers, nesting limits, suggestions, checked writes, run budgets")
struct BoundedNumbersTests {
    let reader = BoundedNumbers(file: "f.yaml")

    @Test func numbersOutsideTheirRangeAreErrorsNamingTheField() throws {
        #expect(try reader.number("12.5", line: 3, field: "x", in: -100...100) == 12.5)
        #expect(throws: InputError(file: "f.yaml", line: 3, field: "x", message: "must be ≤ 100, got 1e308")) {
            _ = try reader.number("1e308", line: 3, field: "x", in: -100...100)
        }
        #expect(throws: InputError(file: "f.yaml", line: 4, field: "speed", message: "must be ≥ 0.1, got 1e-300")) {
            _ = try reader.number("1e-300", line: 4, field: "speed", in: 0.1...1000)
        }
        for junk in ["nan", "inf", "-inf", "0x10", "1_000", "", "abc", String(repeating: "9", count: 100)] {
            #expect(throws: InputError.self, "'\(junk)' must be refused") { _ = try reader.number(junk, line: 1, field: "x", in: -1e6...1e6) }
        }
    }

    @Test func wholeNumbersTooLargeForAnyIntegerAreOutOfRangeNotNonNumbers() throws {
        #expect(try reader.integer(" 42 ", line: 1, field: "count", in: 1...1000) == 42)
        #expect(throws: InputError(file: "f.yaml", line: 1, field: "count", message: "must be ≤ 1000, got 99999999999999999999999")) {
            _ = try reader.integer("99999999999999999999999", line: 1, field: "count", in: 1...1000)
        }
        #expect(throws: InputError(file: "f.yaml", line: 1, field: "count", message: "must be ≤ 1000, got 1e13")) {
            _ = try reader.integer("1e13", line: 1, field: "count", in: 1...1000)
        }
        #expect(throws: InputError(file: "f.yaml", line: 1, field: "count", message: "expected a whole number, got '2.5'")) {
            _ = try reader.integer("2.5", line: 1, field: "count", in: 1...1000)
        }
    }

    @Test func clockTimesAreBoundedBeforeMultiplying() throws {
        let week: ClosedRange<Double> = 0...(7 * 86_400)
        #expect(try reader.clockSeconds("09:30", line: 1, field: "t", in: week) == 34_200)
        #expect(try reader.clockSeconds("90", line: 1, field: "t", in: week) == 5_400)
        #expect(try reader.clockSeconds("01:00:30", line: 1, field: "t", in: week) == 3_630)
        for bad in ["99999999999999999:00", "1e13", "-1", "08:60", "8:", ":30", "1:2:3:4", "nan"] {
            #expect(throws: InputError.self, "'\(bad)' must be refused") { _ = try reader.clockSeconds(bad, line: 1, field: "t", in: week) }
        }
    }

    @Test func yamlNestingIsLimitedBeforeParsing() throws {
        try InputText.checkYAMLNesting("a:\n  b:\n    - [1, {c: 2}]\n", file: "ok.yaml")
        #expect(throws: InputError.self) { try InputText.checkYAMLNesting(String(repeating: "[", count: 10_000), file: "deep.yaml") }
        let block = (0..<100).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        do { try InputText.checkYAMLNesting(block, file: "b.yaml"); Issue.record("100 levels must be refused") } catch {
            #expect(error.line == InputText.maxYAMLDepth, "line i holds i indentation levels and one `: `")
        }
        // A quote inside a plain scalar opens nothing: the brackets after it still count.
        #expect(throws: InputError.self) { try InputText.checkYAMLNesting("a\"b: " + String(repeating: "[", count: 100), file: "q.yaml") }
        #expect(throws: InputError.self) { try InputText.checkYAMLNesting("- a |\n  " + String(repeating: "[", count: 100), file: "p.yaml") }
        #expect(throws: InputError.self) { try InputText.checkYAMLNesting(String(repeating: "- ? ", count: 50_000) + "x", file: "k.yaml") }
        try InputText.checkYAMLNesting("a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nb: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n", file: "text.yaml")
    }

    @Test func suggestionsAreOfferedOnlyForLikelyTypos() {
        #expect(Suggestion.closest(to: "sped", among: ["speed", "x", "y"]) == "speed")
        #expect(Suggestion.closest(to: "colour", among: ["speed", "x", "y"]) == nil)
        #expect(Suggestion.hint(for: "kgs", among: ["kegs", "cases"]) == " (did you mean 'kegs'?)")
    }

    @Test func failedWritesAreErrors() throws {
        #expect(throws: OutputError.self) { try AtomicFile.write("x", to: "/nonexistent-folder/out.txt") }
        let fd = open("/dev/full", O_WRONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(throws: OutputError(target: "/dev/full", reason: String(cString: strerror(ENOSPC)))) {
            try CheckedOutput.write("data", fd: fd, target: "/dev/full")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(getpid()).txt").path
        defer { unlink(path) }
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
    }

    @Test func runsThatCannotFitAreRefusedWithBothNumbers() throws {
        try RunBudget.check(RunEstimate(what: "small", bytes: 1e6, seconds: 1), maxSeconds: 10, availableBytes: 1e9)
        #expect(throws: BudgetError("huge: needs about 2.0 TB of memory, more than the 1.0 GB available; use smaller sizes")) {
            try RunBudget.check(RunEstimate(what: "huge", bytes: 2e12, seconds: 1), maxSeconds: 10, availableBytes: 1e9)
        }
        #expect(throws: BudgetError.self) { try RunBudget.check(RunEstimate(what: "long", bytes: 1, seconds: .infinity), maxSeconds: 10, availableBytes: 1e9) }
        #expect(throws: BudgetError.self) { try RunBudget.check(RunEstimate(what: "nan", bytes: .nan, seconds: 1), maxSeconds: 10, availableBytes: 1e9) }
    }
}
