import DiscreteEvents
import Foundation
import RetailerJourneys
import Testing
import TechnicianBooking
@testable import ScenarioFiles

/// A small file gives the model's defaults for everything it does not say; the resolved form reads back
/// equal; the hash follows the content.
@Suite struct DefaultsAndRoundTripTests {
    @Test func aTwelveLineFileGivesTheDefaultsForEverythingElse() throws {
        #expect(smallScenario.split(separator: "\n").count == 12)
        let s = try ScenarioFile.parse(smallScenario, file: "s.yaml", defaultName: "small")
        var expected = Scenario()
        expected.name = "small"
        expected.days = 14
        var region = RegionSpec(name: "Lisboa", retailers: 200, depots: [
            DepotSpec(name: "Norte", x: 10, y: 10, vehicles: [VehicleGroupSpec(name: "T", count: 3, kegs: 40, cases: 200)]),
        ])
        region.technicians = [TechnicianGroupSpec(name: "Campo", count: 4)]
        expected.regions = [region]
        #expect(s == expected)
        #expect(s.journeys == JourneyParameters())
        #expect(s.policies == EnginePolicies())
        #expect(s.segments == SegmentSpec.defaults)
        #expect(s.calendar == CalendarSpec())
    }

    @Test func listedSegmentsOverrideTheirProfileFieldByField() throws {
        let s = try ScenarioFile.parse(smallScenario + """

            segments:
              - {kind: bar, share: 0.3, kegsPerDay: {gamma: {shape: 4, scale: 0.25}}}
              - {kind: shop, share: 0}
              - {kind: importer, share: 0.01, kegsPerDay: 10, casesPerDay: 50, creditLimit: 100000, draughtShare: 0}
            """, file: "s.yaml")
        #expect(s.segments.map(\.kind) == [.cafe, .bar, .restaurant, .distributor, .importer])
        let bar = try #require(s.segments.first { $0.kind == .bar })
        var expectedBar = try #require(SegmentSpec.defaults.first { $0.kind == .bar })
        expectedBar.share = 0.3
        expectedBar.kegsPerDay = try .gamma(shape: 4, scale: 0.25)
        #expect(bar == expectedBar)
        #expect(s.segments.last?.kegsPerDay == (try .constant(10)))
    }

    @Test func durationsKeepTheirUnitsAndMixedUnitsUseTheSmallest() throws {
        let s = try ScenarioFile.parse(smallScenario + """

            journeys:
              ordering:
                paymentDelay: {uniform: {min: 90m, max: 3h}}
                invoicingDelay: 48bh
                regulariseDelay: {erlang: {shape: 3, scale: 1d}}
              delivery:
                serviceTime: {empirical: [10m, 20m, 35m]}
            """, file: "s.yaml")
        #expect(s.journeys.ordering.paymentDelay == RandomDuration(try .uniform(min: 90, max: 180), unit: .minutes(1)))
        #expect(s.journeys.ordering.invoicingDelay == RandomDuration.businessHours(48))
        #expect(s.journeys.ordering.regulariseDelay == RandomDuration(try .gamma(shape: 3, scale: 1), unit: .days(1)))
        #expect(s.journeys.delivery.serviceTime == RandomDuration(try .empirical([10, 20, 35]), unit: .minutes(1)))
    }

    @Test func theResolvedFormReadsBackEqual() throws {
        let rich = smallScenario + """

            name: rich
            seed: 18446744073709551615
            warmUpDays: 2
            calendar: {hours: {mon-fri: ["08:00-12:30", "13:30-18:00"], sat: "09:00-13:00"}, holidays: [4]}
            segments:
              - {kind: cafe, weekdayFactor: [1, 1, 1, 1, 1, 2, 0], channelMix: {portal: 1, phone: 3}}
              - {kind: importer, share: 0.5, kegsPerDay: {poisson: {mean: 3}}, casesPerDay: {discrete: {values: [1, 2, 4], weights: [1, 1, 2]}},
                 creditLimit: {normal: {mean: 50000, sd: 5000}}, draughtShare: 0.1}
            journeys:
              onboarding: {documentDelay: {weibull: {shape: 1.5, scale: 2d}}, equipmentLeadDays: {triangular: {min: 1d, mode: 2d, max: 5d}}}
              ordering: {paymentDelay: {lognormal: {mean: 30m, sd: 10m}}, invoicingDelay: {lognormal: {mu: 2.5, sigma: 0.4, unit: m}}}
              delivery: {travelNoise: {empirical: {data: [0.9, 1, 1.3], interpolated: true}}, serviceNoise: {bernoulli: {probability: 0.5}}}
              assistance: {severityMix: {machineDown: 1, minor: 1}, holdTTL: 45s, confirmDelay: 250ms}
            policies: {delivery: least-slack, technicians: balanced-load, planningEvaluations: 0, offersShown: 5}
            disruptions:
              - {type: truck-breakdown, region: Lisboa, depot: Norte, count: 2, day: 3, days: 2}
              - {type: technician-absence, region: Lisboa, count: 1, day: 0}
              - {type: bad-keg-batch, day: 1, days: 3, defectRate: 0.08}
              - {type: demand-peak, region: Lisboa, day: 5, days: 9, factor: 1.6}
              - {type: depot-closed, region: Lisboa, depot: Norte, day: 13}
            """
        let s = try ScenarioFile.parse(rich, file: "rich.yaml")
        let text = ScenarioFile.resolvedYAML(s)
        let again = try ScenarioFile.parse(text, file: "resolved.yaml")
        #expect(again == s)
        #expect(ScenarioFile.resolvedYAML(again) == text)
        #expect(ScenarioFile.scenarioHash(again) == ScenarioFile.scenarioHash(s))
        #expect(s.disruptions.count == 5)
        #expect(s.disruptions[2] == .badKegBatch(region: nil, day: 1, days: 3, defectRate: 0.08))
    }

    @Test func theHashFollowsTheContent() throws {
        let a = try ScenarioFile.parse(smallScenario, file: "s.yaml")
        var b = a
        b.seed = 2
        #expect(ScenarioFile.scenarioHash(a) != ScenarioFile.scenarioHash(b))
        #expect(ScenarioFile.scenarioHash(a).count == 16)
        // Comments and layout do not change the scenario, so they do not change the hash.
        let c = try ScenarioFile.parse("# a comment\n" + smallScenario.replacingOccurrences(of: "days: 14", with: "days:   14   # two weeks"), file: "s.yaml")
        #expect(ScenarioFile.scenarioHash(a) == ScenarioFile.scenarioHash(c))
        #expect(fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func aScenarioBuiltInCodeIsCheckedByTheSameRules() throws {
        var s = try ScenarioFile.parse(smallScenario, file: "s.yaml")
        try ScenarioFile.validate(s)
        s.regions[0].depots[0].vehicles[0].kegs = -4
        #expect(throws: ScenarioError.self) { try ScenarioFile.validate(s) }
        do { try ScenarioFile.validate(s) } catch {
            #expect(error.field == "regions[0].depots[0].vehicles[0].kegs")
            #expect(error.message == "must be ≥ 0, got -4")
        }
    }
}
