import ArgumentParser

/// `jornada bench technicians`: the technician slot allocator's offer and booking rates.
struct BenchTechnicians: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "technicians", abstract: "Benchmark the technician slot allocator.")
    func run() throws { throw ValidationError("jornada bench technicians is not built yet") }
}
