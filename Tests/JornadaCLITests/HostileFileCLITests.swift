import Foundation
import Testing

/// Every file of the committed hostile corpus (Tests/Fuzz/corpus, written by
/// scripts/make-hostile-corpus.py) through the built tool: each must plan (exit 0) or be refused
/// with an error naming the file (exit 1), never die by a signal, and finish inside its bound.
@Suite("jornada plan on hostile files")
struct HostileFileCLITests {
    static var corpus: [URL] {
        let dir = Tool.packageRoot.appendingPathComponent("Tests/Fuzz/corpus")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test func theCorpusIsThere() {
        #expect(Self.corpus.count >= 150, "the hostile corpus is missing; run scripts/make-hostile-corpus.py")
    }

    @Test func noHostileFileKillsOrHangsThePlanner() throws {
        var failures: [String] = []
        for file in Self.corpus {
            let start = Date()
            let r = try Tool.run(["plan", file.path, "--max-evaluations", "2000", "--iterations", "200"])
            let seconds = Date().timeIntervalSince(start)
            let name = file.lastPathComponent
            if r.status != 0 && r.status != 1 { failures.append("\(name): exit status \(r.status)\n\(r.stderr.suffix(300))") }
            if r.status == 1 && !r.stderr.contains(file.path) { failures.append("\(name): the error does not name the file: \(r.stderr.prefix(200))") }
            if seconds > 20 { failures.append("\(name): took \(Int(seconds)) s") }
        }
        #expect(failures.isEmpty, "\(failures.count) hostile files misbehaved:\n\(failures.joined(separator: "\n"))")
    }

    @Test func spreadsheetDialectsOfTheBundledCSVPlanTheSame() throws {
        let reference = try Tool.run(["plan", "Scenarios/vrptw-jc1-50.csv", "--iterations", "500"])
        #expect(reference.status == 0)
        for dialect in Self.corpus where ["csv-crlf", "csv-semicolon", "csv-tab", "csv-quoted-header", "csv-bom-crlf-semicolon", "csv-cr-only"]
            .contains(where: { file in dialect.lastPathComponent.contains("-\(file).csv") }) {
            let r = try Tool.run(["plan", dialect.path, "--iterations", "500"])
            #expect(r.status == 0, "\(dialect.lastPathComponent): \(r.stderr)")
            #expect(r.stdout == reference.stdout, "\(dialect.lastPathComponent) must plan exactly like the original")
        }
    }

    @Test func aClosedPipeOrFullDiskIsAnErrorNotExitZero() throws {
        let process = Process()
        process.executableURL = Tool.binary
        process.arguments = ["plan", "Scenarios/plan-small.yaml"]
        process.currentDirectoryURL = Tool.packageRoot
        let full = FileHandle(forWritingAtPath: "/dev/full")
        try #require(full != nil)
        process.standardOutput = full
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(message.contains("cannot write to standard output"), "stderr: \(message)")
    }

    @Test func absurdBenchSizesAreRefusedWithTheSubcommandsUsage() throws {
        for args in [["bench", "kernel", "--pending", "10000000000"], ["bench", "kernel", "--events", "9223372036854775807"],
                     ["bench", "scheduler", "--pending", "1000000000000"], ["bench", "technicians", "--technicians", "100000000", "--days", "1000"],
                     ["bench", "processes", "--customers", "9223372036854775807"],
                     ["bench", "scheduler", "--clients", "2", "--batch", "1000000000000", "--stops", "0"],
                     ["bench", "processes", "--servers", "1000000000000"],
                     // More stops than the scheduler holds (2^24 live jobs) even where memory would allow them.
                     ["bench", "scheduler", "--stops", "20000000", "--national"]] {
            let r = try Tool.run(args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(["needs about", "would run for about", "must be", "at most"].contains { r.stderr.contains($0) }, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("Usage: jornada \(args[0]) \(args[1])"), "\(args): \(r.stderr)")
        }
    }
}
