import ArgumentParser
import RetailerJourneys

/// `jornada kpis`: the KPI glossary.
struct KPIs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "Print every KPI a run reports, with its unit and one-line definition (Markdown).")

    func run() throws { print(KPI.glossaryMarkdown(), terminator: "") }
}
