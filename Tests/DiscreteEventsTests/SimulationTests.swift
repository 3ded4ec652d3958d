import DiscreteEvents
import Testing

/// A model that records (time, name) pairs and follows a script of follow-up events.
private struct Recorder: SimulationModel {
    enum Event { case tick(Int), stopAt(Int), spawn(Int, SimDuration) }
    var log: [(SimTime, Int)] = []

    mutating func handle(_ event: Event, agenda: inout Agenda<Event>) {
        switch event {
        case .tick(let n):
            log.append((agenda.now, n))
        case .stopAt(let n):
            log.append((agenda.now, n))
            agenda.stop()
        case .spawn(let n, let d):
            log.append((agenda.now, n))
            if n > 0 { agenda.schedule(.spawn(n - 1, d), after: d) }
        }
    }
}

@Suite("Simulation loop")
struct SimulationTests {
    @Test func runUntilHandlesEventsAtTheEndAndAdvancesTheClock() {
        var sim = Simulation(model: Recorder())
        sim.schedule(.tick(1), at: SimTime(day: 0, hour: 1))
        sim.schedule(.tick(2), at: SimTime(day: 0, hour: 2))
        sim.schedule(.tick(3), at: SimTime(day: 0, hour: 3))
        let reason616 = sim.run(until: SimTime(day: 0, hour: 2))
        #expect(reason616 == .reachedTime)
        #expect(sim.model.log.map(\.1) == [1, 2])
        #expect(sim.now == SimTime(day: 0, hour: 2))
        let reason321 = sim.run()
        #expect(reason321 == .exhausted)
        #expect(sim.model.log.map(\.1) == [1, 2, 3] && sim.eventsProcessed == 3)
    }

    @Test func stopAndEventLimit() {
        var sim = Simulation(model: Recorder())
        sim.schedule(.spawn(100, .minutes(1)), at: .zero)
        let reason501 = sim.run(maxEvents: 10)
        #expect(reason501 == .reachedEventLimit)
        #expect(sim.eventsProcessed == 10 && sim.now == SimTime(ticks: 0) + .minutes(9))
        sim.schedule(.stopAt(-1), at: sim.now + .seconds(30))
        let reason181 = sim.run()
        #expect(reason181 == .stopped)
        #expect(sim.model.log.last?.1 == -1)
        let finalReason = sim.run()
        #expect(finalReason == .exhausted)
        #expect(sim.model.log.count == 102)
    }

    @Test func theClockStaysWhereRunUntilLeftIt() {
        var sim = Simulation(model: Recorder())
        sim.schedule(.tick(1), at: SimTime(day: 0, hour: 1))
        sim.schedule(.tick(2), at: SimTime(day: 0, hour: 5))
        let first = sim.run(until: SimTime(day: 0, hour: 3))
        #expect(first == .reachedTime)
        #expect(sim.now == SimTime(day: 0, hour: 3) && sim.agenda.now == SimTime(day: 0, hour: 3))
        // An event scheduled "now" runs at the end time, not back at the last event's time.
        sim.agenda.schedule(.tick(3), after: .zero)
        let second = sim.run(until: SimTime(day: 1))
        #expect(second == .exhausted)
        #expect(sim.model.log.map { $0.0.description } == ["day 0 01:00", "day 0 03:00", "day 0 05:00"])
        #expect(sim.now == SimTime(day: 1), "an exhausted run still advances the clock to its end")
    }

    @Test func stepHandlesOneEvent() {
        var sim = Simulation(model: Recorder(), start: SimTime(day: 2))
        let stepped0 = sim.step()
        #expect(!stepped0)
        sim.schedule(.tick(5), at: SimTime(day: 2, hour: 9))
        let stepped1 = sim.step()
        #expect(stepped1)
        #expect(sim.now.description == "day 2 09:00")
    }
}
