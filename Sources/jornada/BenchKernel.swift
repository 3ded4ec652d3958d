import ArgumentParser
import Foundation
import Benchmarking
import DiscreteEvents
import InputLimits

/// `jornada bench kernel`: the hold model over a list of pending-event counts.
struct BenchKernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Hold-model benchmark of the pending-event set against swift-collections' Heap.",
        discussion: """
            For each pending count, fills the queue, then times EVENTS hold operations (pop the next \
            event, schedule it again at now + an exponential increment) on the kernel's radix-heap \
            EventQueue, on a 4-ary heap and on swift-collections' Heap, in this process. Every queue \
            must pop the same times (checksum); the ratio column is radix / Heap events per second.
            """)

    @Option(help: "Comma-separated pending-event counts.", transform: BenchKernel.parseCounts)
    var pending: [Int] = [1_000, 100_000, 1_000_000]

    @Option(help: "Hold operations timed per size.")
    var events: Int = 10_000_000

    @Option(help: "Mean exponential increment in seconds of simulated time.")
    var meanIncrement: Double = 60

    @Option(help: "Comma-separated queues to run: radix, quaternary, heap.", transform: BenchKernel.parseKinds)
    var queues: [HoldModel.QueueKind] = HoldModel.QueueKind.allCases

    @Option(help: "Rounds per size; queues alternate within a round and each keeps its best round, so load from other processes penalises no queue in particular.")
    var rounds: Int = 3

    @Option(help: "Seed of the increment stream.")
    var seed: UInt64 = 1

    @Flag(help: "Print one JSON object per line per size instead of a table.")
    var json = false

    @Option(help: "Refuse a run estimated to take longer than this many seconds.")
    var maxSeconds: Double = RunBudget.defaultMaxSeconds

    func validate() throws {
        guard rounds > 0 else { throw ValidationError("--rounds must be > 0, got \(rounds)") }
        guard events > 0 else { throw ValidationError("--events must be > 0, got \(events)") }
        guard meanIncrement > 0, meanIncrement <= 86_400 * 365 else {
            throw ValidationError("--mean-increment must be > 0 and at most a year (31536000 s), got \(meanIncrement)")
        }
        guard !queues.isEmpty else { throw ValidationError("--queues: name at least one queue") }
        try BenchLimits.check(BenchLimits.kernel(pending: pending, events: events, rounds: rounds, queues: queues.count), maxSeconds: maxSeconds)
    }

    func run() throws {
        var records: [BenchRecord] = []
        for n in pending {
            let model = HoldModel(pending: n, events: events, meanIncrement: .seconds(meanIncrement), seed: seed)
            var results: [HoldModel.QueueKind: HoldModel.Outcome] = [:]
            for _ in 0..<rounds {
                for kind in queues {
                    let r = model.run(kind)
                    if let best = results[kind], best.seconds <= r.seconds { continue }
                    results[kind] = r
                }
            }
            let sums = Set(results.values.map(\.checksum))
            guard sums.count <= 1 else {
                throw BenchAuditError(faults: ["queues disagree on the popped times at pending \(n): checksums \(sums.sorted())"])
            }
            var fields: [(String, BenchRecord.Value)] = [("pending", .int(n)), ("events", .int(events)), ("rounds", .int(rounds))]
            guard let main = results[.radix] ?? results[queues[0]] else { continue }
            fields += [("seconds", .double(main.seconds)), ("eventsPerSecond", .double(main.eventsPerSecond))]
            for kind in queues where kind != .radix {
                if let r = results[kind] { fields.append(("\(kind.rawValue)EventsPerSecond", .double(r.eventsPerSecond))) }
            }
            if let r = results[.radix], let h = results[.collectionsHeap] {
                fields.append(("ratioVsHeap", .double(r.eventsPerSecond / h.eventsPerSecond)))
            }
            let record = BenchRecord(fields)
            if json { try CheckedOutput.line(record.jsonLine()) }
            records.append(record)
        }
        if !json { try CheckedOutput.line(BenchTable.render(records)) }
    }

    static func parseCounts(_ s: String) throws -> [Int] {
        try s.split(separator: ",").map { part in
            let t = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
            guard let v = Int(t), v > 0 else { throw ValidationError("expected positive integers separated by commas, got '\(part)'") }
            return v
        }
    }

    static func parseKinds(_ s: String) throws -> [HoldModel.QueueKind] {
        try s.split(separator: ",").map { part in
            guard let k = HoldModel.QueueKind(rawValue: String(part)) else {
                throw ValidationError("unknown queue '\(part)'; expected one of \(HoldModel.QueueKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return k
        }
    }
}
