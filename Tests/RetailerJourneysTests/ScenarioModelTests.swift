import DeliveryScheduling
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

    /// A truck group sized per 1,000 retailers follows each depot's catchment (its nearest retailers):
    /// a depot placed away from the towns gets fewer trucks, and a fixed `count` is added on top.
    @Test func catchmentFleetsFollowTheRetailers() throws {
        var s = Fixtures.small(retailers: 3_000)
        var near = DepotSpec(name: "Near", x: 10, y: 10, vehicles: [VehicleGroupSpec(name: "T", count: 2, kegs: 40, cases: 150)])
        near.vehicles[0].perThousandRetailers = 5
        var far = DepotSpec(name: "Far", x: 29, y: 29, vehicles: [VehicleGroupSpec(name: "F", count: 0, kegs: 40, cases: 150)])
        far.vehicles[0].perThousandRetailers = 5
        s.regions[0].depots = [near, far]
        let region = try RegionModel(scenario: s, region: 0)
        var catchment = [0, 0]
        for r in 0..<region.population.count { catchment[Int(region.population.all[r].depot)] += 1 }
        #expect(catchment[0] + catchment[1] == 3_000 && catchment[0] != catchment[1])
        for d in 0..<2 {
            let expected = s.regions[0].depots[d].vehicles[0].count + Int((Double(catchment[d]) * 5 / 1000).rounded())
            #expect(region.scheduler.vehicles(of: region.depotIDs[d]).count == expected)
        }
        // The estimate before any population is drawn shares the region evenly: 2 + 7.5 → 10 and 7.5 → 8.
        #expect(s.vehicleCount == 2 + 8 + 8 && s.fleetFollowsCatchments)
    }

    @Test func fixedDurationsSampleExactly() {
        var rng = RandomStream(seed: 1)
        #expect(RandomDuration.minutes(90).sample(&rng) == .minutes(90))
        #expect(RandomDuration.days(3).sample(&rng) == .days(3))
        #expect(RandomDuration.businessHours(48).businessTime)
    }
}
