import Foundation
import RetailerJourneys
@testable import ScenarioFiles

/// A valid twelve-line scenario; hostile cases edit or extend it (appended lines start at line 13).
let smallScenario = """
days: 14
regions:
  - name: Lisboa
    retailers: 200
    depots:
      - name: Norte
        x: 10
        y: 10
        vehicles:
          - {name: T, count: 3, kegs: 40, cases: 200}
    technicians:
      - {name: Campo, count: 4}
"""

/// The error `text` gives as `s.yaml`, printed, or nil when it reads.
func readError(_ text: String) -> String? {
    do {
        _ = try ScenarioFile.parse(text, file: "s.yaml")
        return nil
    } catch {
        return error.description
    }
}

/// `smallScenario` with `old` replaced by `new` (which must occur).
func small(replacing old: String, with new: String) -> String {
    precondition(smallScenario.contains(old), "test fixture: '\(old)' not in smallScenario")
    return smallScenario.replacingOccurrences(of: old, with: new)
}

/// The package's `Scenarios/` folder.
let scenariosFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Scenarios")
