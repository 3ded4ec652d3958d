import DiscreteEvents
import Testing
@testable import TechnicianBooking

@Suite struct DayMaskTests {
    @Test func rangesAndCounts() {
        let m = DayMask(slots: 60 ..< 70)
        #expect(m.count == 10)
        #expect(m.first == 60)
        #expect(m.contains(63) && m.contains(64) && m.contains(69) && !m.contains(70))
        #expect(DayMask(slots: 0 ..< 128) == .all)
        #expect(DayMask(slots: 5 ..< 5).isEmpty)
        #expect(DayMask.empty.first == 128)
    }

    @Test func runStartsMatchNaive() {
        var rng = RandomStream(seed: 7)
        for _ in 0..<400 {
            var m = DayMask(lo: rng.next() | rng.next(), hi: rng.next() | rng.next())
            if rng.nextUnit() < 0.3 { m = m | DayMask(slots: Int(rng.nextInt(below: 100)) ..< 128) }
            let len = 1 + Int(rng.nextInt(below: 40))
            let fast = m.runStarts(len)
            for i in 0..<128 {
                let naive = i + len <= 128 && (i ..< i + len).allSatisfy { m.contains($0) }
                #expect(fast.contains(i) == naive, "len \(len) slot \(i)")
            }
        }
    }

    @Test func shiftDownAcrossWords() {
        let m = DayMask(slots: 70 ..< 72)
        #expect(m.shiftedDown(10) == DayMask(slots: 60 ..< 62))
        #expect(m.shiftedDown(70) == DayMask(slots: 0 ..< 2))
        #expect(m.shiftedDown(128).isEmpty)
    }
}
