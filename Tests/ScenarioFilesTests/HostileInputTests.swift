import Foundation
import RetailerJourneys
import Testing
import Yams
@testable import ScenarioFiles

/// Every kind of bad input gives one error naming file, line, field path and what was expected — never a
/// crash, never a partial scenario.
@Suite struct HostileInputTests {
    @Test func unknownKeySuggestsTheClosestOne() {
        #expect(readError("dayz: 14\n" + smallScenario.dropFirst(9)) ==
            "s.yaml:1: dayz: unknown key (did you mean 'days'?); expected name, seed, days, warmUpDays, calendar, segments, regions, journeys, policies, serviceDesk, disruptions, loadTest")
    }

    @Test func unknownNestedKeyNamesItsPath() {
        #expect(readError(small(replacing: "kegs: 40", with: "kegz: 40")) ==
            "s.yaml:10: regions[0].depots[0].vehicles[0].kegz: unknown key (did you mean 'kegs'?); expected name, count, perThousandRetailers, kegs, cases, pallets, shift, costPerKm, costPerHour")
    }

    @Test func wrongTypeSaysWhatWasExpected() {
        #expect(readError(small(replacing: "days: 14", with: "days: [1, 2]")) == "s.yaml:1: days: expected a whole number, got a list")
        #expect(readError(small(replacing: "retailers: 200", with: "retailers: many")) ==
            "s.yaml:4: regions[0].retailers: expected a whole number from 0 to 10000000, got 'many'")
        #expect(readError(small(replacing: "    depots:\n", with: "    depots: Norte\n    unused:\n")) ==
            "s.yaml:6: regions[0].unused: unknown key; expected name, retailers, size, townShare, towns, zoneGrid, zoneTravelMinutes, salesRepVisitsPerDay, depots, technicians")
    }

    @Test func negativeCountIsRefused() {
        #expect(readError(small(replacing: "count: 3", with: "count: -3")) == "s.yaml:10: regions[0].depots[0].vehicles[0].count: must be ≥ 0, got -3")
        #expect(readError(small(replacing: "kegs: 40", with: "kegs: -4")) == "s.yaml:10: regions[0].depots[0].vehicles[0].kegs: must be ≥ 0, got -4")
    }

    @Test func shiftEndingBeforeItStartsIsRefused() {
        #expect(readError(small(replacing: "cases: 200}", with: "cases: 200, shift: \"17:00-07:00\"}")) ==
            "s.yaml:10: regions[0].depots[0].vehicles[0].shift: ends (07:00) before it starts (17:00)")
    }

    @Test func probabilityAboveOneIsRefused() {
        #expect(readError(smallScenario + "\njourneys:\n  ordering:\n    alertAcceptance: 1.5\n") ==
            "s.yaml:15: journeys.ordering.alertAcceptance: a probability must be between 0 and 1, got 1.5")
    }

    @Test func regionWithoutDepotIsRefused() {
        #expect(readError("regions:\n  - name: Lisboa\n    retailers: 10\n    depots: []\n") ==
            "s.yaml:4: regions[0].depots: needs at least one depot (a region without a depot cannot deliver), got an empty list")
        #expect(readError("regions:\n  - name: Lisboa\n    retailers: 10\n") == "s.yaml:2: regions[0].depots: required (a list of depot objects)")
        #expect(readError("days: 3\n") == "s.yaml:1: regions: required (a list of region objects)")
    }

    @Test func distributionWithImpossibleParametersIsRefused() {
        #expect(readError(smallScenario + "\njourneys:\n  ordering:\n    paymentDelay: {exponential: {mean: -3m}}\n") ==
            "s.yaml:15: journeys.ordering.paymentDelay.exponential.mean: a duration must be ≥ 0, got -3m")
        #expect(readError(smallScenario + "\njourneys:\n  ordering:\n    paymentDelay: {exponential: {mean: 0m}}\n") ==
            "s.yaml:15: journeys.ordering.paymentDelay.exponential.mean: exponential: mean must be finite and > 0, got 0.0")
        #expect(readError(smallScenario + "\njourneys:\n  delivery:\n    travelNoise: {triangular: {min: 0.8, mode: 1.5, max: 1.2}}\n") ==
            "s.yaml:15: journeys.delivery.travelNoise.triangular.mode: triangular: mode must be within [min, max] = [0.8, 1.2], got 1.5")
        #expect(readError(smallScenario + "\njourneys:\n  delivery:\n    serviceTime: {lognormal: {mean: 10m}}\n") ==
            "s.yaml:15: journeys.delivery.serviceTime.lognormal.sd: required (lognormal takes mean, sd or mu, sigma)")
    }

    @Test func numbersTooLargeForTheirFieldAreRefusedBeforeAnyArithmetic() {
        #expect(readError(small(replacing: "days: 14", with: "days: 1e308")) == "s.yaml:1: days: expected a whole number from 1 to 3650, got '1e308'")
        #expect(readError(small(replacing: "retailers: 200", with: "retailers: 99999999999999999999")) ==
            "s.yaml:4: regions[0].retailers: must be ≤ 10000000, got 99999999999999999999")
        #expect(readError(small(replacing: "x: 10", with: "x: 1e308")) == "s.yaml:7: regions[0].depots[0].x: must be ≤ 10000, got 1e308")
        #expect(readError(small(replacing: "x: 10", with: "x: 1e999")) == "s.yaml:7: regions[0].depots[0].x: must be ≤ 10000, got 1e999")
        #expect(readError(smallScenario + "\njourneys:\n  ordering:\n    paymentDelay: 1e308d\n") ==
            "s.yaml:15: journeys.ordering.paymentDelay: must be at most 3650d, got 1e308d")
        #expect(readError(small(replacing: "days: 14", with: "seed: 18446744073709551616\ndays: 14")) ==
            "s.yaml:1: seed: must be ≤ 18446744073709551615, got 18446744073709551616")
    }

    @Test func unknownRegionOrDepotInADisruptionSuggestsAName() {
        #expect(readError(smallScenario + "\ndisruptions:\n  - {type: truck-breakdown, region: Lisbon, depot: Norte, day: 2}\n") ==
            "s.yaml:14: disruptions[0].region: no region named 'Lisbon' (did you mean 'Lisboa'?); regions: Lisboa")
        #expect(readError(smallScenario + "\ndisruptions:\n  - {type: depot-closed, region: Lisboa, depot: Nort, day: 2}\n") ==
            "s.yaml:14: disruptions[0].depot: no depot named 'Nort' in Lisboa (did you mean 'Norte'?); depots: Norte")
        #expect(readError(smallScenario + "\ndisruptions:\n  - {type: truck-brakedown, region: Lisboa, day: 2}\n") ==
            "s.yaml:14: disruptions[0].type: unknown value 'truck-brakedown' (did you mean 'truck-breakdown'?); expected one of truck-breakdown, technician-absence, bad-keg-batch, demand-peak, depot-closed")
    }

    @Test func disruptionsMustFitTheHorizonAndTheFleet() {
        #expect(readError(smallScenario + "\ndisruptions:\n  - {type: demand-peak, day: 10, days: 30, factor: 1.6}\n") ==
            "s.yaml:14: disruptions[0].days: ends after day 13, the last of the horizon (day 10 + 30 days)")
        #expect(readError(smallScenario + "\ndisruptions:\n  - {type: truck-breakdown, region: Lisboa, depot: Norte, count: 4, day: 1}\n") ==
            "s.yaml:14: disruptions[0].count: 4 trucks, but depot Norte has 3")
    }

    @Test func deepNestingIsRefusedBeforeTheParserRecurses() {
        let deep = "days: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        #expect(readError(deep) == "s.yaml:1: nesting deeper than 32 levels; a scenario needs about 8")
        let dashes = "days: 1\nregions:\n" + String(repeating: "- ", count: 5_000) + "x\n"
        #expect(readError(dashes) == "s.yaml:3: nesting deeper than 32 levels; a scenario needs about 8")
    }

    @Test func emptyAndNonMappingDocumentsAreRefused() {
        #expect(readError("") == "s.yaml: the file is empty; a scenario needs at least 'regions' (see Scenarios/tiny.yaml)")
        #expect(readError("# only a comment\n") == "s.yaml: the file is empty; a scenario needs at least 'regions' (see Scenarios/tiny.yaml)")
        #expect(readError("- a\n- b\n") == "s.yaml:1: expected a mapping of scenario fields (name, days, regions, …), got a list")
    }

    @Test func binaryJunkIsRefused() throws {
        #expect(readError("days: 14\u{0}\u{1}\u{2}\n") == "s.yaml:1: control character U+0 in the text: this is not a YAML scenario (binary file?)")
        let junk = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jornada-junk-\(getpid()).yaml")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0xFF, 0xFE, 0x00, 0x80, 0xC3]).write(to: junk)
        defer { try? FileManager.default.removeItem(at: junk) }
        #expect(throws: ScenarioError.self) { try ScenarioFile.load(path: junk.path) }
        do { _ = try ScenarioFile.load(path: junk.path) } catch {
            #expect(error.description == "\(junk.path): not UTF-8 text (is it a binary file?)")
        }
    }

    @Test func syntaxErrorsNameTheirLine() {
        #expect(readError("days: 14\n\tregions: x\n") == "s.yaml:2: not valid YAML: found a tab character that violates indentation")
        #expect(readError("days: 14\nregions: [\n") != nil)
    }

    @Test func oversizedFilesAndDirectoriesAreRefusedBeforeReading() throws {
        let big = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jornada-big-\(getpid()).yaml")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: big) }
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(ScenarioFile.maxBytes + 1))   // sparse: nothing is written
        try handle.close()
        do { _ = try ScenarioFile.load(path: big.path); Issue.record("read an oversized file") } catch {
            #expect(error.description == "\(big.path): the file is 16777217 bytes; scenario files are at most 16777216 (16 MiB)")
        }
        do { _ = try ScenarioFile.load(path: NSTemporaryDirectory()); Issue.record("read a directory") } catch {
            #expect(error.message == "is a directory, not a scenario file")
        }
    }

    @Test func missingFileIsAnErrorNotACrash() {
        do { _ = try ScenarioFile.load(path: "/nonexistent/x.yaml"); Issue.record("read a missing file") } catch {
            #expect(error.description == "/nonexistent/x.yaml: cannot read the file (no such file, or not readable)")
        }
    }

    @Test func durationsNeedUnitsAndBusinessDaysAreRefused() {
        #expect(readError(smallScenario + "\njourneys:\n  ordering:\n    paymentDelay: 30\n") ==
            "s.yaml:15: journeys.ordering.paymentDelay: a duration needs a unit (s, m, h, d, bh (business hours), bm (business minutes), ms, us), e.g. 30m; got '30'")
        #expect(readError(smallScenario + "\njourneys:\n  ordering:\n    paymentDelay: 5bd\n") ==
            "s.yaml:15: journeys.ordering.paymentDelay: business days (bd) are not a unit: their length depends on the calendar; write business hours, e.g. 5 business days of 10 hours = 50bh")
        #expect(readError(smallScenario + "\njourneys:\n  delivery:\n    serviceTime: {uniform: {min: 10m, max: 1bh}}\n") ==
            "s.yaml:15: journeys.delivery.serviceTime.uniform.max: mixes business time (bh, bm) and elapsed time (s, m, h, d) in one duration")
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: bar, kegsPerDay: 2d}\n") ==
            "s.yaml:14: segments[0].kegsPerDay: a plain quantity takes no unit, got '2d'")
    }

    @Test func crossFieldChecksPointAtTheFieldAtFault() {
        #expect(readError(small(replacing: "x: 10", with: "x: 70")) == "s.yaml:7: regions[0].depots[0].x: 70 km is outside the region (size 60 km)")
        #expect(readError(smallScenario + "\nwarmUpDays: 14\n") == "s.yaml:13: warmUpDays: must be less than days (14), got 14")
        #expect(readError(smallScenario + "\ncalendar:\n  holidays: [3, 20]\n") == "s.yaml:14: calendar.holidays[1]: day 20 is outside the horizon (days: 14)")
        #expect(readError(small(replacing: "{name: Campo, count: 4}", with: "{name: Campo, count: 4, zone: 16}")) ==
            "s.yaml:12: regions[0].technicians[0].zone: zone 16 is outside the 4 × 4 grid (zones 0 … 15)")
        #expect(readError(small(replacing: "{name: Campo, count: 4}", with: "{name: Campo, count: 4}\n      - {name: Campo, count: 1}")) ==
            "s.yaml:13: regions[0].technicians[1].name: another technician group is named 'Campo' (regions[0].technicians[0])")
        #expect(readError(small(replacing: "count: 3", with: "count: 0")) == "s.yaml:10: regions[0].depots[0].vehicles: the depot has no trucks (every count and perThousandRetailers is 0)")
        #expect(readError(smallScenario + "\njourneys:\n  ordering: {alertCoverDays: 12}\n") ==
            "s.yaml:14: journeys.ordering.orderUpToDays: must be greater than alertCoverDays (12), got 10")
        #expect(readError(small(replacing: "{name: Campo, count: 4}", with: "{name: Campo, count: 4, shift: {every-day: []}}")) ==
            "s.yaml:12: regions[0].technicians[0].shift: the group never works: give hours for at least one day")
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: bar, deliveryHours: {}}\n") ==
            "s.yaml:14: segments[0].deliveryHours: bar outlets would never receive a delivery: give hours for at least one day")
        #expect(readError(smallScenario + "\ncalendar:\n  hours: {sat-sun: []}\n") ==
            "s.yaml:14: calendar.hours: the calendar is never open: give business hours for at least one day")
    }

    @Test func segmentsAndMixesAreChecked() {
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: cafee}\n") ==
            "s.yaml:14: segments[0].kind: unknown value 'cafee' (did you mean 'cafe'?); expected one of cafe, bar, restaurant, shop, distributor, importer")
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: importer, share: 0.1}\n") ==
            "s.yaml:14: segments[0].kegsPerDay: required: importer has no built-in profile (give share, kegsPerDay, casesPerDay, creditLimit, draughtShare)")
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: importer}\n") ==
            "s.yaml:14: segments[0].share: required: importer has no built-in profile (give share, kegsPerDay, casesPerDay, creditLimit, draughtShare)")
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: importer, share: 0}\n") == nil)
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: bar}\n  - {kind: bar}\n") == "s.yaml:15: segments[1].kind: bar is listed twice")
        #expect(readError(smallScenario + "\nsegments:\n  - {kind: bar, channelMix: {portal: 0, app: 0}}\n") ==
            "s.yaml:14: segments[0].channelMix: the weights must have a positive sum")
        let allZero = ["cafe", "bar", "restaurant", "shop", "distributor"].map { "  - {kind: \($0), share: 0}" }.joined(separator: "\n")
        #expect(readError(smallScenario + "\nsegments:\n" + allZero + "\n") ==
            "s.yaml:14: segments: every segment has share 0: the population would be empty")
    }

    @Test func weeklyHoursAreChecked() {
        #expect(readError(smallScenario + "\ncalendar:\n  hours: {mon-fri: [\"08:00-18:00\"], sun: \"25:00-26:00\"}\n") ==
            "s.yaml:14: calendar.hours.sun: expected a window HH:MM-HH:MM (e.g. 07:00-17:00), got '25:00-26:00'")
        #expect(readError(smallScenario + "\ncalendar:\n  hours: {mon-fri: [\"08:00-12:00\", \"11:00-18:00\"]}\n") ==
            "s.yaml:14: calendar.hours.mon-fri[1]: 11:00-18:00 starts before the previous window 08:00-12:00 ends (windows in order, not overlapping)")
        #expect(readError(smallScenario + "\ncalendar:\n  hours: {mon-fri: [\"08:00-18:00\"], every-day: []}\n") ==
            "s.yaml:14: calendar.hours.every-day: mon is already given by 'mon-fri'")
        #expect(readError(smallScenario + "\ncalendar:\n  hours: {monday: [\"08:00-18:00\"]}\n") ==
            "s.yaml:14: calendar.hours.monday: unknown key (did you mean 'mon'?); expected mon, tue, wed, thu, fri, sat, sun, mon-tue, mon-wed, mon-thu, mon-fri, mon-sat, …")
    }

    @Test func aliasesCannotBlowUpTheReader() {
        // A billion-laughs shape: each level repeats the previous one ten times; the reader stops at the
        // first value of the wrong type instead of expanding it.
        var yaml = smallScenario + "\njourneys:\n  delivery:\n    travelNoise: {empirical: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}\n"
        yaml += "    serviceNoise: {empirical: &a1 [" + Array(repeating: "*a0", count: 10).joined(separator: ", ") + "]}\n"
        // The line is the anchored value's (an alias has no position of its own in the composed tree).
        #expect(readError(yaml) == "s.yaml:15: journeys.delivery.serviceNoise.empirical[0]: expected a number, got a list")
    }

    @Test func theNodeBudgetStopsHugeDocuments() throws {
        let reader = Reader(file: "s.yaml", nodeBudget: 10)
        var scenario = RetailerJourneys.Scenario()
        let root = try #require(try Yams.compose(yaml: smallScenario))
        #expect(throws: ScenarioError.self) { try Fields.scenario.read(root, into: &scenario, reader, "") }
    }
}
