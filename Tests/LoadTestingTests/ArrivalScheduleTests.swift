import Testing
@testable import LoadTesting

@Suite struct ArrivalScheduleTests {
    @Test func flatScheduleSpacesRequestsEvenlyAndCountsExactly() {
        let s = ArrivalSchedule(rate: 1000, durationNanoseconds: 1_000_000_000, hours: [1])
        #expect(s.total == 1000)
        #expect(s.time(of: 0) == 0)
        #expect(s.time(of: 500) == 500_000_000)
        #expect(s.time(of: 1000) == nil)
    }

    @Test func clientsShareTheScheduleWithoutOverlap() {
        let s = ArrivalSchedule(rate: 999, durationNanoseconds: 1_000_000_000, hours: [1, 3, 0, 2])
        var seen = 0
        for c in 0..<3 {
            var cursor = s.cursor(client: c, of: 3)
            #expect(cursor.remaining == 333)
            var last: Int64 = -1
            while let t = cursor.next() { #expect(t >= last); last = t; seen += 1 }
        }
        #expect(seen == s.total)
        #expect(s.total == 999)
    }

    @Test func theShapeMovesRequestsToTheHeavierHours() {
        let s = ArrivalSchedule(rate: 1000, durationNanoseconds: 1_000_000_000, hours: [1, 3])
        #expect(s.segments.map(\.count) == [250, 750])
    }
}
