import Testing
@testable import DiscreteEvents

/// The queue against a sorted reference list over random schedule / pop / `advance(to:)` sequences. The
/// advance case found a real misordering: after `peekTime` spread a bucket around its minimum, an event
/// scheduled between the advanced clock and that minimum was filed in a bucket above it.
@Suite("EventQueue with advance(to:)")
struct AdvanceFuzzTests {
    @Test(arguments: 0..<60)
    func advanceKeepsTheOrder(seed: Int) { run(seed: seed, advance: true) }

    @Test(arguments: 0..<20)
    func popAndScheduleKeepTheOrder(seed: Int) { run(seed: seed, advance: false) }

    func run(seed: Int, advance: Bool) {
        var rng = RandomStream(seed: UInt64(seed))
        var q = EventQueue<Int>()
        var ref: [(t: Int64, seq: Int)] = []
        var seq = 0
        var now: Int64 = 0
        for step in 0..<2_000 {
            let op = rng.nextInt(below: 10)
            if op < 5 {
                // Near and far events, so buckets of every size are spread and moved.
                let dt = Int64(rng.nextInt(below: rng.nextUnit() < 0.5 ? 1_000 : 100_000_000))
                q.schedule(seq, at: SimTime(ticks: now + dt))
                ref.append((now + dt, seq))
                seq += 1
            } else if op < 8 {
                ref.sort { ($0.t, $0.seq) < ($1.t, $1.seq) }
                let got = q.popNext()
                guard !ref.isEmpty else { #expect(got == nil); continue }
                let want = ref.removeFirst()
                #expect(got?.event == want.seq && got?.time.ticks == want.t, "seed \(seed) step \(step)")
                if got?.event != want.seq { return }
                now = want.t
            } else if advance {
                ref.sort { ($0.t, $0.seq) < ($1.t, $1.seq) }
                let limit = ref.first?.t ?? (now + 50_000_000)
                let to = now + Int64(rng.nextInt(below: UInt64(max(1, limit - now + 1))))
                q.advance(to: SimTime(ticks: to))
                now = to
            }
        }
        #expect(q.count == ref.count)
    }
}
