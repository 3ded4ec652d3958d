import DiscreteEvents
import Testing
@testable import RetailerJourneys

@Suite struct ScenarioModelTests {
    @Test func defaultCalendarIsWeekdayOfficeHours() throws {
        let c = try CalendarSpec().businessCalendar()
        #expect(c.isOpen(at: SimTime(day: 0, hour: 9)))
        #expect(!c.isOpen(at: SimTime(day: 5, hour: 9)))   // Saturday
        #expect(!c.isOpen(at: SimTime(day: 0, hour: 19)))
    }

    @Test func fixedDurationsSampleExactly() {
        var rng = RandomStream(seed: 1)
        #expect(RandomDuration.minutes(90).sample(&rng) == .minutes(90))
        #expect(RandomDuration.days(3).sample(&rng) == .days(3))
        #expect(RandomDuration.businessHours(48).businessTime)
    }
}
