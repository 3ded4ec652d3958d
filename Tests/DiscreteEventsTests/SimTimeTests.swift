import DiscreteEvents
import Testing

@Suite("SimTime and SimDuration")
struct SimTimeTests {
    @Test func formatsInstantsAsDayAndClock() {
        #expect(SimTime(day: 12, hour: 14, minute: 30).description == "day 12 14:30")
        #expect(SimTime(day: 0, hour: 8, minute: 5, second: 7).description == "day 0 08:05:07")
        #expect((SimTime(day: 3) + .milliseconds(250)).description == "day 3 00:00:00.250")
    }

    @Test func formatsDurations() {
        #expect(SimDuration.hours(72).description == "3d")
        #expect((SimDuration.hours(2) + .minutes(5)).description == "2h 05m")
        #expect(SimDuration.seconds(1.5).description == "1.5s")
        #expect((-SimDuration.minutes(90)).description == "-1h 30m")
    }

    @Test func integerLiteralsAreUnambiguous() {
        let a: SimDuration = .seconds(1)
        let b: SimDuration = .seconds(Int64(1))
        let c: SimDuration = .seconds(1.0)
        #expect(a == b && b == c)
    }

    @Test func arithmeticKeepsInstantsAndIntervalsApart() {
        let t = SimTime(day: 1, hour: 10)
        let u = t + .hours(3)
        #expect(u - t == .hours(3))
        #expect(u.day == 1 && u.timeOfDay == .hours(13))
        #expect((t - .hours(11)).day == 0)
        #expect(SimTime(day: 7).weekday == .monday && SimTime(day: 5).weekday == .saturday)
        #expect(SimTime(day: 6).weekday.isWeekend)
    }
}
