import ArgumentParser

/// `jornada bench kernel`: the hold model over a list of pending-event counts.
struct BenchKernel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kernel", abstract: "Hold-model benchmark of the pending-event set.")
    func run() throws { print("not yet") }
}
