import Foundation
import Testing

@Suite("jornada: version and bench kernel, end to end")
struct BenchKernelCLITests {
    @Test func printsItsVersion() throws {
        let r = try Tool.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func helpListsTheSubcommands() throws {
        let r = try Tool.run(["--help"])
        #expect(r.status == 0)
        for word in ["plan", "bench"] { #expect(r.stdout.contains(word)) }
    }

    @Test func benchKernelPrintsOneJSONObjectPerSize() throws {
        let r = try Tool.run(["bench", "kernel", "--pending", "10,500", "--events", "20000", "--rounds", "1", "--json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for (line, pending) in zip(lines, [10, 500]) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["pending"] as? Int == pending)
            #expect(object?["events"] as? Int == 20_000)
            for key in ["seconds", "eventsPerSecond", "heapEventsPerSecond", "ratioVsHeap"] {
                #expect((object?[key] as? Double ?? 0) > 0, "missing \(key) in \(line)")
            }
        }
    }

    @Test func benchKernelTableHasAHeader() throws {
        let r = try Tool.run(["bench", "kernel", "--pending", "100", "--events", "1000", "--rounds", "1"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("eventsPerSecond") && r.stdout.contains("ratioVsHeap"))
    }

    @Test func badOptionsAreNamedAndFail() throws {
        let zero = try Tool.run(["bench", "kernel", "--pending", "0"])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--pending") || zero.stderr.contains("positive integers"))
        let queue = try Tool.run(["bench", "kernel", "--queues", "splay"])
        #expect(queue.status != 0)
        #expect(queue.stderr.contains("unknown queue 'splay'"))
    }
}
