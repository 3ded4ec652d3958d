import Foundation
import RetailerJourneys
import Testing
@testable import ScenarioFiles

/// Bad service-desk input: one error naming file, line and field path, and nothing is run.
@Suite struct ServiceDeskInputTests {
    /// `smallScenario` with a desk of one case type whose steps are `steps` (lines from 13 on).
    static func desk(_ steps: String, extra: String = "", channels: String = "{phone: 1}") -> String {
        smallScenario + """

        serviceDesk:
          standard: false
          channels:
            - {name: phone, kind: phone, responseTarget: 2m}
          teams:
            - {name: desk, channels: [phone], agents: 2}
          parties:
            - {name: distributor, response: 30bh, neverAnswers: 0.05, target: 72bh}
        \(extra)  caseTypes:
            - name: q
              sla: 72bh
              perRetailerPerYear: 1
              channels: \(channels)
              steps:
        \(steps)
        """
    }

    @Test func aValidDeskReads() {
        #expect(readError(Self.desk("        - {name: a, kind: work, next: close}\n        - {name: close, kind: close}")) == nil)
    }

    @Test func unknownStepSuggestsTheClosestOne() {
        #expect(readError(Self.desk("        - {name: a, kind: work, next: clsoe}\n        - {name: close, kind: close}")) ==
            "s.yaml:27: serviceDesk.caseTypes[0].steps[0].next[0].to: unknown step 'clsoe' (did you mean 'close'?); expected a, close")
    }

    @Test func unknownPartySuggestsTheClosestOne() {
        let e = readError(Self.desk("        - {name: e, kind: escalate, party: distribuitor, timeout: 15d, onTimeout: close, next: close}\n        - {name: close, kind: close}"))
        #expect(e == "s.yaml:27: serviceDesk.caseTypes[0].steps[0].party: unknown party 'distribuitor' (did you mean 'distributor'?); expected distributor")
    }

    @Test func aCycleWithNoExitIsRefused() {
        #expect(readError(Self.desk("        - {name: a, kind: work, next: b}\n        - {name: b, kind: wait, duration: 1h, next: a}\n        - {name: close, kind: close}")) ==
            "s.yaml:27: serviceDesk.caseTypes[0].steps[0].next: the flow a → b → a never reaches a close or transfer step: a cycle with no exit")
    }

    @Test func aChannelWithArrivalsButNoAgentsIsRefused() {
        let text = Self.desk("        - {name: a, kind: work, next: close}\n        - {name: close, kind: close}")
            .replacingOccurrences(of: "agents: 2", with: "agents: 0")
        #expect(readError(text) ==
            "s.yaml:18: serviceDesk.teams[0].agents: team desk has no agents (agents 0, perThousandRetailers 0) but q cases arrive on phone (caseTypes[0].channels.phone)")
        let web = Self.desk("        - {name: a, kind: work, next: close}\n        - {name: close, kind: close}", channels: "{web: 1}")
            .replacingOccurrences(of: "    - {name: phone, kind: phone, responseTarget: 2m}", with: "    - {name: phone, kind: phone, responseTarget: 2m}\n    - {name: web, kind: async, responseTarget: 8bh}")
        #expect(readError(web) == "s.yaml:26: serviceDesk.caseTypes[0].channels.web: q cases arrive on web but no team answers web with that skill (caseTypes[0].steps[0] is agent work)")
    }

    @Test func anSLAInUnknownUnitsIsRefused() {
        let text = Self.desk("        - {name: close, kind: close}").replacingOccurrences(of: "sla: 72bh", with: "sla: 3weeks")
        #expect(readError(text) == "s.yaml:23: serviceDesk.caseTypes[0].sla: unknown unit 'weeks'; expected m, h, d, bh, bd (m, h, d elapsed; bh business hours; bd business days)")
        let bare = Self.desk("        - {name: close, kind: close}").replacingOccurrences(of: "sla: 72bh", with: "sla: 72")
        #expect(readError(bare) == "s.yaml:23: serviceDesk.caseTypes[0].sla: a clock needs a unit (m, h, d, bh, bd), e.g. 72bh")
    }

    @Test func anEscalationThatMayGoUnansweredNeedsATimeout() {
        #expect(readError(Self.desk("        - {name: e, kind: escalate, party: distributor, next: close}\n        - {name: close, kind: close}")) ==
            "s.yaml:27: serviceDesk.caseTypes[0].steps[0].timeout: distributor may never answer (neverAnswers 0.05): the step needs a timeout and onTimeout, or the case could never close")
    }

    @Test func theStandardDeskChangesByName() throws {
        let text = smallScenario + "\nserviceDesk:\n  teams:\n    - {name: phoneDesk, agents: 9}\n"
        let s = try ScenarioFile.parse(text, file: "s.yaml")
        #expect(s.serviceDesk.teams.count == ServiceDeskSpec().teams.count)
        #expect(s.serviceDesk.teams.first { $0.name == "phoneDesk" }?.agents == 9)
        #expect(s.serviceDesk.caseTypes.count == ServiceDeskSpec().caseTypes.count)
    }
}
