import DeskService
import Foundation
import RetailerJourneys
import ScenarioFiles
import Testing
@testable import LoadTesting

/// The layout `jornada serve` hands the server: it survives JSON, builds the scenario's desks, and a
/// damaged one is refused naming the field (never a trap while building desks).
@Suite struct DeskLayoutTests {
    @Test func theBaselineLayoutSurvivesJSONAndBuildsItsDesks() throws {
        let profile = LoadProfile(try ScenarioFile.load(path: "Scenarios/baseline.yaml").scenario)
        let layout = DeskLayout(profile)
        #expect(layout.deliveryDesks == 2 && layout.technicianDesks == 1)
        #expect(layout.regions.map(\.technicians.count) == [40])
        let back = try DeskLayout(json: layout.json())
        #expect(back == layout)
        #expect(back.regions[0].technicians.map(\.spec) == profile.rosters[0])
        #expect(back.makeDeliveryDesks().count == 2)
        #expect(back.makeTechnicianShards().map(\.roster.count) == [40])
    }

    @Test func aDamagedLayoutIsRefusedNamingTheField() throws {
        let profile = LoadProfile(try ScenarioFile.load(path: "Scenarios/baseline.yaml").scenario)
        var layout = DeskLayout(profile)
        layout.regions[0].technicians[3].homeZone = 99
        #expect(throws: DeskLayoutError(field: "regions[0].technicians[3].homeZone", message: "outside the zone grid")) { try DeskLayout(json: layout.json()) }
        layout = DeskLayout(profile, desks: 0)
        #expect((try? DeskLayout(json: layout.json())) == nil)
        #expect(throws: DeskLayoutError.self) { try DeskLayout(json: Data("{\"deliveryDesks\": 1}".utf8)) }
    }
}
