import ArgumentParser
import InputLimits
import RetailerJourneys

/// `jornada kpis`: the KPI glossary.
struct KPIs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "Print every KPI a run reports, with its unit and one-line definition (Markdown).")

    func run() throws { try CheckedOutput.write(KPI.glossaryMarkdown(), fd: 1, target: "standard output") }
}
